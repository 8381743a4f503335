// Uploads over HTTP(S) with Node's own client: the file as the raw body (PUT or POST), or several
// files and fields as multipart/form-data, written from disk by request-body.ts with a
// Content-Length. The answer, whatever its status, goes back to the upload step with the first
// 64 KiB of its body. With a login the head asks to continue first (Expect: 100-continue), so a
// Digest challenge is answered before the body goes, and the body is sent once. Requests go through the one client (http-client.ts). Not got: for a body sent
// once and an answer read once it added half again to the time of a gigabyte and a tenth of a
// second to `ferry upload`'s start.
import type http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { UploadResponse } from '../../../../shared/model.ts';
import { RESPONSE_BODY_LIMIT, responseText, type SinkRequest, type UploadSink } from '../upload-sink.ts';
import { bodyLength, writeBody, type BodyPart } from './request-body.ts';
import { multipartBody } from './multipart-body.ts';
import { seconds, timeoutFail } from './connect-clock.ts';
import { answerChallenge, newRounds, openRequest, type AuthRounds } from './http-client.ts';
import { ProxyChallenged } from './auth/proxy-login.ts';
import { FlowWatchdog } from '../../pipe/flow-watchdog.ts';

interface Body {
  parts: BodyPart[];
  contentType: string;
}

/**
 * The request's clocks: connecting (DNS included) within connectTimeoutMs; while the body goes out,
 * the flow watchdog (no byte taken for stallTimeoutMs, or slower than the speed floor); once it is
 * out, the answer must start within responseTimeoutMs.
 */
function watchClocks(request: http.ClientRequest, stopConnectClock: () => void, limits: SinkRequest) {
  const fail = timeoutFail(request);
  let responseTimer: NodeJS.Timeout | null = null;
  let watchdog: FlowWatchdog | null = null;
  let sent = 0;
  const connected = () => {
    watchdog ??= new FlowWatchdog(limits.flow, 'upload', (error) => request.destroy(error));
  };
  const clear = () => {
    stopConnectClock();
    if (responseTimer) clearTimeout(responseTimer);
    watchdog?.stop();
  };
  request.once('response', clear);
  request.once('close', clear);
  return {
    /** The body has gone out this far. */
    progress: (bytes: number) => {
      watchdog?.moved(bytes - sent);
      sent = bytes;
    },
    /** A speed limit holds the body back: not the server's doing. */
    held: (held: boolean) => (held ? watchdog?.hold() : watchdog?.release()),
    bodySent: () => {
      watchdog?.stop();
      responseTimer = setTimeout(() => fail(`the server did not answer within ${seconds(limits.responseTimeoutMs)} after the upload was sent`), limits.responseTimeoutMs);
    },
    connected,
    clear,
  };
}

/**
 * The answer's status and headers, and the first RESPONSE_BODY_LIMIT bytes of its body. A body that
 * does not end within `limitMs` (a server trickling it) is kept as far as it came, marked cut: the
 * status is what judges the upload.
 */
async function readAnswer(response: IncomingMessage, limitMs: number): Promise<UploadResponse> {
  const chunks: Buffer[] = [];
  let size = 0;
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    response.destroy();
  }, limitMs);
  try {
    for await (const chunk of response) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size > RESPONSE_BODY_LIMIT) break;
    }
  } catch (error) {
    if (!late) throw error;
  } finally {
    clearTimeout(timer);
  }
  const text = responseText(chunks);
  return { status: response.statusCode ?? 0, ...text, truncated: text.truncated || late, contentType: response.headers['content-type'] ?? null, location: response.headers.location ?? null };
}

/** How long a server may take to say "100 Continue" before the body goes anyway (curl's 1 s). */
const CONTINUE_WAIT_MS = 1000;

/**
 * With a login the head goes first with `Expect: 100-continue`: a server that wants another login
 * (a Digest challenge) says so before the body, which then is sent once, to the answer. Resolves
 * 'send' on the 100, on no word within CONTINUE_WAIT_MS of connecting, or when the request ended
 * (its error says why); 'answered' when the server answered without wanting the body.
 */
function awaitContinue(request: http.ClientRequest, connected: Promise<void>): Promise<'send' | 'answered'> {
  request.flushHeaders();
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | null = null;
    const done = (verdict: 'send' | 'answered') => () => {
      if (timer) clearTimeout(timer);
      request.off('continue', go).off('response', answered).off('close', go);
      resolve(verdict);
    };
    const go = done('send');
    const answered = done('answered');
    request.once('continue', go).once('response', answered).once('close', go);
    void connected.then(() => (timer ??= setTimeout(go, CONTINUE_WAIT_MS)));
  });
}

type Outcome = { response: UploadResponse } | { challenged: true };

/** One request with the body (unless the server answers first); its answer, or that a challenge came. */
async function sendOnce(request: SinkRequest, body: Body, rounds: AuthRounds, progress: (sent: number) => void): Promise<Outcome> {
  const length = bodyLength(body.parts);
  const url = new URL(request.url);
  const expect = request.credential !== null && !Object.keys(request.headers).some((name) => name.toLowerCase() === 'expect');
  // The answer is read as it comes (no decompression here): ask for it plain.
  const headers: Record<string, string> = { 'accept-encoding': 'identity', 'content-type': body.contentType, ...request.headers, 'content-length': String(length), ...(expect ? { expect: '100-continue' } : {}) };
  // The watchdog starts once connected (an event, so after the clocks below exist).
  const watching: { clocks?: ReturnType<typeof watchClocks> } = {};
  let onConnected = () => undefined as void;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const { request: outgoing, stopConnectClock, answer, explain } = await openRequest(url, { method: request.method, headers }, request, () => {
    watching.clocks?.connected();
    onConnected();
  }, rounds);
  const clocks = watchClocks(outgoing, stopConnectClock, request);
  watching.clocks = clocks;
  try {
    // Waiting for the 100 is not the server failing to take the body: the flow watchdog holds meanwhile.
    const early = expect && (await awaitContinue(outgoing, connected.then(() => clocks.held(true)))) === 'answered';
    if (expect) clocks.held(false);
    if (!early) {
      await writeBody(outgoing, body.parts, (sent) => {
        clocks.progress(sent);
        progress(sent);
      }, { pacer: request.pacer, held: clocks.held });
      if (!outgoing.destroyed) clocks.bodySent();
    }
    const response = await answer;
    try {
      if (answerChallenge(url, request.headers, request, response.statusCode ?? 0, response.headersDistinct['www-authenticate'], rounds.server)) return { challenged: true };
      return { response: await readAnswer(response, request.responseTimeoutMs) };
    } finally {
      response.destroy();
      // A body that was never sent leaves the connection unusable: it goes.
      if (early) outgoing.destroy();
    }
  } catch (error) {
    outgoing.destroy();
    // The proxy asked for a Digest login it can be given: the request goes again.
    if (error instanceof ProxyChallenged) return { challenged: true };
    throw explain(error);
  } finally {
    clocks.clear();
  }
}

async function send(request: SinkRequest, body: Body): Promise<UploadResponse> {
  request.onTotal(bodyLength(body.parts));
  // Redirects are not followed: a body streamed from disk is not sent again to another address.
  // A challenge is answered in the same run (answerChallenge allows it once, and once for stale).
  const rounds = newRounds();
  // Progress never goes back: a body sent again to a server that ignored the Expect shows from where it was.
  let shown = 0;
  const progress = (sent: number) => {
    if (sent > shown) request.onProgress((shown = sent));
  };
  for (;;) {
    const outcome = await sendOnce(request, body, rounds, progress);
    if ('response' in outcome) return outcome.response;
  }
}

export const rawUploadSink: UploadSink = {
  send: (request) => {
    const file = request.files[0]!;
    return send(request, { parts: [file], contentType: file.contentType });
  },
};
export const multipartUploadSink: UploadSink = { send: (request) => send(request, multipartBody(request.fields, request.files)) };
