// Pure rules for resuming: what to ask the server, and whether its answer may be appended.
import { httpFactsFrom, strongEtag, type HttpFacts } from './http-facts.ts';
import { judgePart, sameHttpVersion } from './range-answer.ts';

export { strongEtag };

/** The If-Range value proving which version we hold, or null if we cannot prove it. */
export function ifRangeValue(validator: HttpFacts | null): string | null {
  if (!validator) return null;
  return strongEtag(validator.etag) ?? validator.lastModified ?? null;
}

/** A 206, or a 200 that says the server takes byte ranges (Accept-Ranges: bytes). */
export function servesRanges(statusCode: number, headers: Record<string, string | string[] | undefined>): boolean {
  const accept = headers['accept-ranges'];
  return statusCode === 206 || (typeof accept === 'string' && /(^|,)\s*bytes\s*(,|$)/i.test(accept));
}

/** "bytes *\/N" as sent with 416: the current length of the resource. */
export function parseUnsatisfiedRange(header: string | undefined): number | null {
  const match = header ? /^bytes\s+\*\/(\d+)$/i.exec(header.trim()) : null;
  return match ? Number(match[1]) : null;
}

export type RangeVerdict =
  | { kind: 'append'; total: number | null }
  | { kind: 'fromZero'; reason: string; total: number | null }
  | { kind: 'alreadyComplete' }
  /** A 206 for exactly our last byte of the same version: complete if that byte matches ours. */
  | { kind: 'confirmLastByte' }
  /** `misplaced`: the same file, but not the part asked for (a server not to trust with parts). */
  | { kind: 'retryFromZero'; reason: string; misplaced?: boolean };

export interface ResumeContext {
  offset: number;
  /** The last byte wanted (inclusive), or null for up to the end. */
  end: number | null;
  knownTotal: number | null;
  validator: HttpFacts | null;
  /** A part of a split download: an encoded answer is not the part (see range-answer.ts). */
  plainOnly?: boolean;
}

/**
 * Whether we hold every byte already (a crash after the last checkpoint, before the rename): then
 * we ask only for the last byte, proving the version with If-Range. Asking for the bytes after the
 * end gets a 416 without Content-Range from apache, lighttpd or http-server, or a whole 200 body,
 * and either would mean fetching the file again.
 */
export function confirmsCompletion(context: ResumeContext): boolean {
  return context.end === null && context.offset > 0 && context.knownTotal === context.offset && ifRangeValue(context.validator) !== null;
}

/** The Range header for an attempt at `offset` (to `end`, when given). */
export function rangeFor(context: ResumeContext): string {
  return confirmsCompletion(context) ? `bytes=${context.offset - 1}-${context.offset - 1}` : `bytes=${context.offset}-${context.end ?? ''}`;
}

/**
 * Decides what an answer to a (possibly ranged) request means:
 * - `append`: a 206 for exactly our offset (and end, when one was asked) of the same version:
 *   keep the bytes on disk.
 * - `fromZero`: a full 200 body: write it from byte 0 (never splice it onto old bytes). Also to a
 *   request for a bounded range, from byte 0: the server does not serve parts.
 * - `alreadyComplete`: 416 saying the resource is exactly as long as what we hold (or, when we
 *   asked only for the last byte, a whole 200 of the same version: see confirmsCompletion).
 * - `confirmLastByte`: the last byte of the same version; the caller compares it with ours.
 * - `retryFromZero`: this answer cannot be used; drop the bytes and ask again without a Range.
 * Other statuses are errors and handled by the caller.
 */
export function judgeResponse(
  statusCode: number,
  headers: Record<string, string | string[] | undefined>,
  context: ResumeContext,
): RangeVerdict {
  const contentLength = typeof headers['content-length'] === 'string' ? Number(headers['content-length']) : null;
  if (confirmsCompletion(context)) return judgeConfirmation(statusCode, headers, contentLength, context);
  if (statusCode === 200) {
    const total = contentLength !== null && Number.isFinite(contentLength) ? contentLength : null;
    if (context.end !== null) return { kind: 'fromZero', reason: 'the server sent the whole file instead of the part asked for', total };
    if (context.offset === 0) return { kind: 'append', total };
    return { kind: 'fromZero', reason: 'the server sent the whole file instead of the missing part', total };
  }
  if (statusCode === 206) {
    const part = judgePart(headers, { start: context.offset, end: context.end, total: context.knownTotal, validator: context.validator, plainOnly: context.plainOnly ?? false });
    if (part.same) return { kind: 'append', total: part.total };
    return part.changed ? { kind: 'retryFromZero', reason: part.reason } : { kind: 'retryFromZero', reason: part.reason, misplaced: true };
  }
  if (statusCode === 416 && context.offset > 0) {
    const length = parseUnsatisfiedRange(typeof headers['content-range'] === 'string' ? headers['content-range'] : undefined);
    if (length !== null && length === context.offset && (context.knownTotal === null || context.knownTotal === length)) {
      return { kind: 'alreadyComplete' };
    }
    return { kind: 'retryFromZero', reason: 'the server cannot serve the missing part; the file changed' };
  }
  throw new Error(`judgeResponse called with status ${statusCode}`);
}

/** The answer to the last-byte request of a download whose bytes are all on disk. */
function judgeConfirmation(
  statusCode: number,
  headers: Record<string, string | string[] | undefined>,
  contentLength: number | null,
  context: ResumeContext,
): RangeVerdict {
  const received = httpFactsFrom(headers);
  if (statusCode === 206) {
    const last = context.offset - 1;
    if (judgePart(headers, { start: last, end: last, total: context.knownTotal, validator: context.validator, plainOnly: context.plainOnly ?? false }).same) {
      return { kind: 'confirmLastByte' };
    }
    return { kind: 'retryFromZero', reason: 'the server could not confirm the file is unchanged' };
  }
  if (statusCode === 200) {
    // Range ignored or the file changed: the same version (validator and length) is still complete.
    const held = context.validator;
    if (held && contentLength === context.knownTotal && sameHttpVersion({ facts: held, total: context.knownTotal }, { facts: received, total: contentLength })) return { kind: 'alreadyComplete' };
    return { kind: 'fromZero', reason: 'the file on the server changed', total: contentLength !== null && Number.isFinite(contentLength) ? contentLength : null };
  }
  return { kind: 'retryFromZero', reason: 'the file on the server is now shorter' };
}

