// One HTTP(S) request of a download: ask for what is missing, check the answer may be appended,
// stream it into the part file. Retrying is the operation's job, always from the bytes on disk.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import type { LookupFunction } from 'node:net';
import got from 'got';
import type { IncomingHttpHeaders } from 'node:http';
import { TransferError } from './transfer-error.ts';
import { classifyError, httpError } from './error-classify.ts';
import { ifRangeValue, judgeResponse, rangeFor, validatorFrom, type Validator } from './resume-check.ts';
import { openPartFile, PartFileWriter, type FileIdentity, type PartFile } from './part-file.ts';
import { readBufferAgents } from './read-buffer-agent.ts';
import { isSecretHeader } from '../../shared/secret-headers.ts';
import { filenameFromContentDisposition } from './content-disposition.ts';
import { FERRY_VERSION } from '../../shared/version.ts';

export interface AttemptInput {
  url: string;
  headers: Record<string, string>;
  credential: { username: string; password: string } | null;
  /** Bytes already durable in the part file (0 for a fresh start). */
  offset: number;
  /** The part file those bytes are in, if there is one yet. */
  partPath: string | null;
  knownTotal: number | null;
  validator: Validator | null;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  stallTimeoutMs: number;
  signal: AbortSignal;
  dnsLookup?: LookupFunction | undefined;
  /** Called once the answer is accepted; returns the part file to write into and, if it exists, its identity. */
  preparePart(answer: AcceptedAnswer): Promise<{ partPath: string; identity: FileIdentity | null }>;
  /** The part file is open: this is the file later attempts must find at its name. */
  onPartOpened(identity: FileIdentity): void;
  onWritten(bytesOnDisk: number): void;
  onDurable(bytesDurable: number): void;
}

export interface AcceptedAnswer {
  finalUrl: string;
  /** The file name the server suggests (Content-Disposition), not yet made safe; null if none. */
  suggestedName: string | null;
  /** Content-Encoding the server applied anyway (Ferry asks for identity), and Content-Type. */
  contentEncoding: string | undefined;
  contentType: string | undefined;
  total: number | null;
  validator: Validator;
  /** Where writing starts: the offset asked for, or 0 when the server sent the whole file. */
  offset: number;
  /** Why the bytes on disk were dropped, when they were. */
  restartReason: string | null;
}

export type AttemptResult =
  | { kind: 'complete'; bytes: number; total: number | null }
  | { kind: 'retryFromZero'; reason: string };

const USER_AGENT = `Ferry/${FERRY_VERSION}`;

/**
 * got drops Authorization, Cookie and the URL's credentials on a redirect to another origin; this
 * drops every other header Ferry treats as secret too (X-Api-Key, *token*, *secret*...).
 */
function dropSecretsOnOriginChange(originalUrl: string) {
  const origin = new URL(originalUrl).origin;
  return (options: { url?: URL | string | undefined; headers: Record<string, string | string[] | undefined> }): void => {
    if (options.url && new URL(options.url).origin === origin) return;
    for (const name of Object.keys(options.headers)) if (isSecretHeader(name)) delete options.headers[name];
  };
}

/** Content-Disposition's name; a header sent twice is ignored, as RFC 6266 readers do. */
function suggestedName(response: { headers: IncomingHttpHeaders; rawHeaders: string[] }): string | null {
  const fields = response.rawHeaders.filter((name, i) => i % 2 === 0 && name.toLowerCase() === 'content-disposition').length;
  const header = response.headers['content-disposition'];
  return filenameFromContentDisposition(typeof header === 'string' ? header : undefined, fields);
}

export async function runHttpAttempt(input: AttemptInput): Promise<AttemptResult> {
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...input.headers, 'accept-encoding': 'identity' };
  const resumeContext = { offset: input.offset, knownTotal: input.knownTotal, validator: input.validator };
  if (input.offset > 0) {
    const ifRange = ifRangeValue(input.validator);
    if (!ifRange) return { kind: 'retryFromZero', reason: 'the server gave no validator to prove the file is unchanged' };
    headers['range'] = rangeFor(resumeContext);
    headers['if-range'] = ifRange;
  }

  const stream = got.stream(input.url, {
    headers,
    ...(input.credential ? { username: input.credential.username, password: input.credential.password } : {}),
    throwHttpErrors: false,
    decompress: false,
    // We check the length ourselves after writing, so the bytes of a short body are kept and the
    // next attempt resumes after them (got's own check would discard what it still buffers).
    strictContentLength: false,
    retry: { limit: 0 },
    followRedirect: true,
    maxRedirects: 10,
    timeout: {
      lookup: input.connectTimeoutMs,
      connect: input.connectTimeoutMs,
      secureConnect: input.connectTimeoutMs,
      response: input.responseTimeoutMs,
    },
    signal: input.signal,
    agent: readBufferAgents(),
    hooks: { beforeRedirect: [dropSecretsOnOriginChange(input.url)] },
    ...(input.dnsLookup ? { dnsLookup: input.dnsLookup } : {}),
  });

  let part: PartFile | null = null;
  let stallTimer: NodeJS.Timeout | null = null;
  let partPath: string | undefined;
  let writer: PartFileWriter | null = null;
  try {
    const response = await new Promise<{ statusCode: number; statusMessage?: string; headers: IncomingHttpHeaders; rawHeaders: string[]; url: string }>(
      (resolve, reject) => {
        stream.once('response', resolve);
        stream.once('error', reject);
      },
    );
    const { statusCode } = response;
    if (statusCode >= 400 && !(statusCode === 416 && input.offset > 0)) {
      throw httpError(statusCode, response.statusMessage, input.url, response.headers);
    }
    if (statusCode !== 200 && statusCode !== 206 && statusCode !== 416) {
      throw new TransferError('Unknown', `unexpected HTTP ${statusCode} answer from ${response.url}`, { httpStatus: statusCode });
    }
    const verdict = judgeResponse(statusCode, response.headers, resumeContext);
    if (verdict.kind === 'alreadyComplete') return { kind: 'complete', bytes: input.offset, total: input.offset };
    if (verdict.kind === 'confirmLastByte') {
      return (await lastByteMatches(stream, input.partPath, input.offset))
        ? { kind: 'complete', bytes: input.offset, total: input.offset }
        : { kind: 'retryFromZero', reason: 'the last byte on the server differs from the one on disk' };
    }
    if (verdict.kind === 'retryFromZero') return verdict;

    const offset = verdict.kind === 'fromZero' ? 0 : input.offset;
    const prepared = await input.preparePart({
      finalUrl: response.url,
      suggestedName: suggestedName(response),
      contentEncoding: response.headers['content-encoding'],
      contentType: response.headers['content-type'],
      total: verdict.total,
      validator: validatorFrom(response.headers),
      offset,
      restartReason: verdict.kind === 'fromZero' ? verdict.reason : null,
    });
    partPath = prepared.partPath;
    part = await openPartFile(partPath, offset, prepared.identity);
    input.onPartOpened(part.identity);

    let lastActivity = Date.now();
    writer = new PartFileWriter(
      part,
      offset,
      (bytes) => {
        lastActivity = Date.now();
        input.onWritten(bytes);
      },
      input.onDurable,
    );
    stream.on('downloadProgress', () => {
      lastActivity = Date.now();
    });
    stallTimer = setInterval(() => {
      if (Date.now() - lastActivity >= input.stallTimeoutMs) {
        stream.destroy(
          new TransferError('Timeout', `no data arrived for ${Math.round(input.stallTimeoutMs / 1000)} s; reconnecting`),
        );
      }
    }, Math.min(1000, Math.max(50, input.stallTimeoutMs / 4)));

    await pump(stream, writer);
    const bytes = writer.bytesWritten;
    if (verdict.total !== null && bytes !== verdict.total) {
      throw new TransferError('ConnectionReset', `the connection ended after ${bytes} of ${verdict.total} bytes`);
    }
    return { kind: 'complete', bytes, total: verdict.total ?? bytes };
  } catch (error) {
    if (input.signal.aborted) throw input.signal.reason ?? error;
    throw classifyError(error, { url: input.url, ...(partPath ? { path: partPath } : {}) });
  } finally {
    if (stallTimer) clearInterval(stallTimer);
    if (!stream.destroyed) stream.destroy();
    // A writer that finished has synced and checkpointed everything (_final). One that failed has
    // not: once no write is in flight, flush what it did write, so the next attempt resumes from it
    // instead of fetching it again.
    await writer?.idle();
    if (writer && !writer.writableFinished) await writer.sync().catch(() => undefined);
    await part?.close().catch(() => undefined);
  }
}

/** Reads the one-byte body and compares it with the part file's byte at `offset - 1`. */
async function lastByteMatches(stream: Readable, partPath: string | null, offset: number): Promise<boolean> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).length > 1) return false;
  }
  const received = Buffer.concat(chunks);
  if (received.length !== 1 || !partPath) return false;
  const ours = Buffer.alloc(1);
  const handle = await fsp.open(partPath, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  try {
    await handle.read(ours, 0, 1, offset - 1);
  } finally {
    await handle.close();
  }
  return ours[0] === received[0];
}

/**
 * Like pipeline, except that when the source fails the writer still writes what it had buffered
 * before the error is reported: every byte that arrived is kept for the next attempt. A source that
 * already failed or closed (while the part file was being opened) ends the writer at once.
 */
export function pump(source: Readable, writer: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    if (source.destroyed) {
      const error = source.errored ?? new TransferError('ConnectionReset', 'the connection closed before the body arrived');
      writer.once('finish', () => reject(error));
      writer.once('error', reject);
      writer.end();
      return;
    }
    let sourceError: unknown = null;
    // Flow control on what waits behind the write in progress (PartFileWriter's backlog), not on
    // writableLength, which counts that write too: the socket keeps flowing while the disk works,
    // instead of stopping until everything queued is on disk ('drain').
    const limit = writer.writableHighWaterMark;
    const backlog = (): number => (writer as Writable & { backlog?: number }).backlog ?? writer.writableLength;
    source.on('data', (chunk: Buffer) => {
      writer.write(chunk);
      if (backlog() >= limit) source.pause();
    });
    const maybeResume = (): void => {
      if (source.isPaused() && backlog() < limit) source.resume();
    };
    writer.on('drain', maybeResume);
    writer.on('batchWritten', maybeResume);
    source.once('end', () => writer.end());
    source.once('error', (error) => {
      sourceError = error;
      writer.end();
    });
    writer.once('finish', () => (sourceError ? reject(sourceError) : resolve()));
    writer.once('error', (error) => {
      source.destroy();
      reject(sourceError ?? error);
    });
  });
}
