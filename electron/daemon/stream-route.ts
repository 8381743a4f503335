// GET /stream/ID: a download's bytes as they arrive (reading while downloading), with Range, for a
// media player in the browser UI and `ferry cat`. The answer waits for bytes not on disk yet (a
// segmented download fetches where the reader waits next); when the download is paused, fails or
// leaves the list the body stops short (the connection is cut), never with a wrong byte.
import type http from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { create as contentDisposition } from 'content-disposition';
import { lookup } from 'mime-types';
import { TransferError } from '../engine/errors/transfer-error.ts';

export interface TransferStreams {
  /** The download's file name (null before its first answer) and length (null while unknown). Throws NotFound. */
  facts(id: string): Promise<{ name: string | null; total: number | null }>;
  /** Its bytes from `offset` as they arrive; the stream fails when the download is paused, fails or goes. */
  open(id: string, offset: number): Readable;
}

/** A byte range asked for: `end` inclusive, null to the end. */
export interface AskedRange {
  start: number;
  end: number | null;
}

/**
 * The one range of a Range header; null when there is none to honour (none, several, a suffix of
 * an unknown length, not bytes: the whole is sent, as RFC 9110 allows); 'unsatisfiable' past the end.
 */
export function parseRange(header: string | undefined, total: number | null): AskedRange | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let range: AskedRange;
  if (match[1] === '') {
    if (total === null) return null;
    range = { start: Math.max(0, total - Number(match[2])), end: total - 1 };
    if (Number(match[2]) === 0) return 'unsatisfiable';
  } else {
    range = { start: Number(match[1]), end: match[2] === '' ? null : Number(match[2]) };
    if (range.end !== null && range.end < range.start) return null;
  }
  if (!Number.isSafeInteger(range.start) || (range.end !== null && !Number.isSafeInteger(range.end))) return null;
  if (total === null) return range;
  if (range.start >= total) return 'unsatisfiable';
  return { start: range.start, end: Math.min(range.end ?? total - 1, total - 1) };
}

/** Only sound and pictures are shown inline (in a sandbox); anything else is a download, never a page of this origin. */
function mediaTypeOf(name: string): string {
  const type = lookup(name) || '';
  return /^(audio|video)\//.test(type) ? type : 'application/octet-stream';
}

/** Resolves once the stream has bytes or has ended; rejects with its error. */
function firstBytes(body: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error): void => {
      body.off('readable', onReadable);
      body.off('error', done);
      if (error) reject(error);
      else resolve();
    };
    const onReadable = (): void => done();
    body.once('readable', onReadable);
    body.once('error', done);
  });
}

/** At most `count` bytes of `body`; stopping early lets it go (its reader stops waiting). */
async function* upTo(body: Readable, count: number): AsyncGenerator<Buffer> {
  let left = count;
  if (left <= 0) return;
  for await (const chunk of body) {
    const piece = chunk as Buffer;
    if (piece.length >= left) {
      yield piece.subarray(0, left);
      return;
    }
    left -= piece.length;
    yield piece;
  }
}

/** Serves it; throws a TransferError before the head is sent, cuts the connection after. */
export async function serveTransferStream(streams: TransferStreams, id: string, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const asked = parseRange(request.headers.range, (await streams.facts(id)).total);
  if (asked === 'unsatisfiable') return unsatisfiable(response, (await streams.facts(id)).total);
  let range = asked;
  let body = streams.open(id, range?.start ?? 0);
  // The head waits for the first bytes: by then the download has answered, so its name and length are known.
  await firstBytes(body);
  const { name, total } = await streams.facts(id);
  if (range && total === null && range.start > 0) {
    // No length to state a part of: the whole, from the start (a client asked for a part sees 200).
    body.destroy();
    range = null;
    body = streams.open(id, 0);
    await firstBytes(body);
  } else if (range && total !== null) {
    if (range.start >= total && total > 0) {
      body.destroy();
      return unsatisfiable(response, total);
    }
    range = { start: range.start, end: Math.min(range.end ?? total - 1, total - 1) };
  }
  const type = mediaTypeOf(name ?? '');
  const headers: http.OutgoingHttpHeaders = {
    'content-type': type,
    'content-disposition': contentDisposition(name ?? 'download', { type: type === 'application/octet-stream' ? 'attachment' : 'inline' }),
    'accept-ranges': total === null ? 'none' : 'bytes',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // Whatever it is, it never runs as a page of the daemon's origin (where the UI's session
    // lives): sound and video (nosniff: never taken for a page) may only be played, from here;
    // anything else is sandboxed (a sandboxed player's own request would be cross-origin, refused).
    'content-security-policy': type === 'application/octet-stream' ? 'sandbox' : "default-src 'none'; media-src 'self'",
    'referrer-policy': 'no-referrer',
  };
  const end = range?.end ?? (total === null ? null : total - 1);
  const start = range?.start ?? 0;
  if (end !== null) headers['content-length'] = String(end + 1 - start);
  if (range && total !== null) headers['content-range'] = `bytes ${start}-${end}/${total}`;
  response.writeHead(range && total !== null ? 206 : 200, headers);
  await pipeline(end === null ? body : upTo(body, end + 1 - start), response);
}

function unsatisfiable(response: http.ServerResponse, total: number | null): void {
  response.writeHead(416, { 'content-range': `bytes */${total ?? '*'}`, 'cache-control': 'no-store' });
  response.end();
}

/** The HTTP status of a refusal before the head (the body is the error in words). */
export function refusalStatus(error: unknown): number {
  if (!(error instanceof TransferError)) return 500;
  return error.status === 'NotFound' ? 404 : error.status === 'RangeNotSatisfiable' ? 416 : error.status === 'InvalidArgument' ? 400 : 409;
}
