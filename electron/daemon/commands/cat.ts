// `ferry cat <id> [--offset N]`: a download's bytes on stdout as they arrive, through the daemon's
// stream link (GET /stream/ID with the ticket streamLink gives). Exit 0 at the end of a completed
// file; one line saying why and exit 1 when it stops short (paused, failed, canceled, removed).
import http from 'node:http';
import { once } from 'node:events';
import { RemoteError } from '../../../shared/api-proxy.ts';
import type { TransferErrorInfo } from '../../../shared/errors.ts';
import { connectToDaemon } from '../client.ts';
import { readDaemonInfo } from '../home.ts';

const refusal = (message: string): RemoteError => new RemoteError({ status: 'InvalidArgument', message, httpStatus: null });

function offsetOf(text: string | undefined): number {
  if (text === undefined) return 0;
  const offset = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(offset)) throw refusal(`--offset takes a whole number of bytes, not "${text}"`);
  return offset;
}

function get(port: number, host: string, path: string, offset: number): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host, port, path, headers: offset > 0 ? { range: `bytes=${offset}-` } : {} }, resolve);
    request.on('error', reject);
  });
}

async function errorOf(response: http.IncomingMessage): Promise<TransferErrorInfo> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  try {
    return (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error: TransferErrorInfo }).error;
  } catch {
    return { status: 'Unknown', message: `the daemon answered ${response.statusCode}`, httpStatus: response.statusCode ?? null };
  }
}

/** Writes the body to stdout from `skip` bytes in; false when it stopped short. */
async function copyOut(response: http.IncomingMessage, skip: number): Promise<{ whole: boolean; bytes: number }> {
  let left = skip;
  let bytes = 0;
  try {
    for await (const chunk of response) {
      let piece = chunk as Buffer;
      if (left > 0) {
        const dropped = Math.min(left, piece.length);
        piece = piece.subarray(dropped);
        left -= dropped;
      }
      bytes += piece.length;
      if (piece.length > 0 && !process.stdout.write(piece)) await once(process.stdout, 'drain');
    }
  } catch {
    return { whole: false, bytes };
  }
  return { whole: response.complete, bytes };
}

export async function runCat(home: string, id: string, flags: { offset?: string }): Promise<number> {
  const offset = offsetOf(flags.offset);
  const api = connectToDaemon(home);
  const link = await api.streamLink(id);
  const info = readDaemonInfo(home);
  if (!info) throw new RemoteError({ status: 'CannotConnect', message: 'the ferry daemon went away', httpStatus: null });
  const host = info.host === '0.0.0.0' || info.host === '::' ? '127.0.0.1' : info.host;
  const response = await get(info.port, host, link, offset);
  if (response.statusCode === 416) throw new RemoteError({ status: 'RangeNotSatisfiable', message: `--offset ${offset} is past the end of the file`, httpStatus: null });
  if (response.statusCode !== 200 && response.statusCode !== 206) throw new RemoteError(await errorOf(response));
  // 200 to a range: the length is not known yet, so the daemon sent the whole; skip to the offset.
  // (A consumer that stops reading, `| head`, ends ferry with 0: see bin/ferry.js.)
  const { whole, bytes } = await copyOut(response, response.statusCode === 200 ? offset : 0);
  const fullId = decodeURIComponent(link.split('?')[0]!.split('/').pop()!);
  let t = await api.getTransfer(fullId).catch(() => null);
  // Every byte came; the download may still be checking and renaming its file.
  while (whole && t?.state === 'running' && !(await api.waitUntilSettled([fullId], 10_000))) t = await api.getTransfer(fullId).catch(() => null);
  if (whole) t = await api.getTransfer(fullId).catch(() => null);
  if (whole && t?.state === 'completed') return 0;
  const at = offset + bytes;
  if (!t) throw new RemoteError({ status: 'NotFound', message: `transfer ${fullId} was taken off the list after ${at} bytes`, httpStatus: null });
  if (t.state === 'paused') {
    throw new RemoteError({ status: 'Canceled', message: `transfer ${t.id} was paused after ${at} bytes; "ferry resume ${t.id}", then "ferry cat ${t.id} --offset ${at}" goes on`, httpStatus: null });
  }
  throw new RemoteError(t.error ?? { status: t.state === 'canceled' ? 'Canceled' : 'ConnectionReset', message: `the stream of transfer ${t.id} ended after ${at} bytes (it is ${t.state})`, httpStatus: null });
}
