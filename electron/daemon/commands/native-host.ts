// `ferry native-host`: what the browser starts for Ferry's extension (see `ferry integrate`). It
// reads framed requests on stdin and writes one framed answer to each on stdout, in order, until
// the browser closes stdin. Nothing else is ever written to stdout: it is the browser's channel.
import { daemonLink } from '../native-host/daemon-link.ts';
import { homeOwnerStarter } from '../home-owner.ts';
import { encodeFrame, FrameReader } from '../native-host/framing.ts';
import { handleRequest, type DaemonLink } from '../native-host/handle-request.ts';
import { parseRequest, type ExtensionReply } from '../native-host/messages.ts';

export async function runNativeHost(home: string): Promise<number> {
  return serveNativeMessages(process.stdin, (frame) => process.stdout.write(frame), daemonLink(home, homeOwnerStarter(process.argv[1] ?? '')));
}

/** Serves one browser connection; resolves when its input ends. */
export async function serveNativeMessages(input: AsyncIterable<Buffer>, write: (frame: Buffer) => void, link: DaemonLink): Promise<number> {
  const reader = new FrameReader();
  const send = (reply: ExtensionReply): void => {
    try {
      write(encodeFrame(reply));
    } catch {
      // Over the limit from the host (a very long list): say so in a message that fits.
      write(encodeFrame({ requestId: reply.requestId, ok: false, error: { status: 'InvalidArgument', message: 'the answer is over the 1 MB limit of native messaging' } }));
    }
  };
  // Answers go out in the order the requests came, one at a time.
  let queue = Promise.resolve();
  for await (const chunk of input) {
    for (const frame of reader.push(chunk)) {
      const parsed = 'problem' in frame ? frame : parseRequest(frame.message);
      queue = queue.then(async () => {
        if ('request' in parsed) return send(await handleRequest(parsed.request, link));
        const requestId = 'requestId' in parsed ? (parsed.requestId as string | number | undefined) : undefined;
        send({ ...(requestId === undefined ? {} : { requestId }), ok: false, error: { status: 'InvalidArgument', message: parsed.problem } });
      });
    }
  }
  await queue;
  if (reader.midMessage) send({ ok: false, error: { status: 'InvalidArgument', message: 'the input ended in the middle of a message' } });
  return 0;
}
