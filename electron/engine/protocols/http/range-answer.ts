// Whether a 206 is exactly the part asked for, of the file held: the one rule for every ranged
// answer (a resumed download's first answer, each extra connection of a segmented one, the check of
// a new address), so bytes of another file, another length or another place are never written next
// to ours.
import { httpFactsFrom, strongEtag, type HttpFacts } from './http-facts.ts';
import type { Version } from '../protocol.ts';

export interface AskedPart {
  start: number;
  /** The last byte asked (inclusive), or null: to the end. */
  end: number | null;
  /** The length of the file held, if known. */
  total: number | null;
  validator: HttpFacts | null;
  /** A part of a split download: only plain bytes can be split (ranges count encoded bytes). */
  plainOnly: boolean;
}

export type PartVerdict =
  | { same: true; total: number | null }
  /** `changed`: another version (length or validator); else the same file, but not this part. */
  | { same: false; changed: boolean; reason: string };

type Headers = Record<string, string | string[] | undefined>;

export interface ContentRange {
  start: number;
  end: number;
  /** null for "bytes a-b/*" */
  total: number | null;
}

export function parseContentRange(header: string | undefined): ContentRange | null {
  if (!header) return null;
  const match = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(header.trim());
  if (!match) return null;
  const start = Number(match[1]);
  const end = Number(match[2]);
  const total = match[3] === '*' ? null : Number(match[3]);
  if (end < start || (total !== null && end >= total)) return null;
  return { start, end, total };
}

/** RFC 9110: ranges count the encoded bytes, so only an unencoded body can be split. */
export function isIdentityEncoding(headers: Headers): boolean {
  const encoding = headers['content-encoding'];
  return encoding === undefined || (typeof encoding === 'string' && /^\s*identity\s*$/i.test(encoding));
}

/**
 * True when the answer sends a validator that differs from the one held (ETag, Last-Modified: each
 * one both sides have). A server that sends none proves nothing either way; If-Range asked it.
 */
export function otherVersion(held: HttpFacts | null, received: HttpFacts): boolean {
  if (!held) return false;
  const differs = (a: string | null, b: string | null): boolean => a !== null && b !== null && a.trim() !== b.trim();
  return differs(held.etag, received.etag) || differs(held.lastModified, received.lastModified);
}

/**
 * A whole answer (no Range honoured) is of the version held only when it proves it: no other
 * length, no validator that differs (as for a part: otherVersion), and a strong ETag or a
 * Last-Modified equal to the one held. A weak ETag proves nothing (RFC 9110), nor does no
 * validator. An answer that does not say its length (chunked) is judged by its validators: they
 * name the version; whether it is complete is its caller's question.
 */
export function sameHttpVersion(held: Version<HttpFacts>, now: Version<HttpFacts>): boolean {
  if (held.total !== null && now.total !== null && held.total !== now.total) return false;
  if (otherVersion(held.facts, now.facts)) return false;
  const etag = strongEtag(held.facts.etag);
  const lastModified = held.facts.lastModified?.trim() || null;
  return (etag !== null && etag === strongEtag(now.facts.etag)) || (lastModified !== null && lastModified === now.facts.lastModified?.trim());
}

/** A 206 to a Range: exactly `bytes start-end/total` for the part asked, of the same file. */
export function judgePart(headers: Headers, asked: AskedPart): PartVerdict {
  const header = headers['content-range'];
  const range = parseContentRange(typeof header === 'string' ? header : undefined);
  if (!range) return { same: false, changed: false, reason: 'the server sent a partial answer without a valid Content-Range' };
  if (asked.total !== null && range.total !== asked.total) {
    return range.total === null
      ? { same: false, changed: false, reason: 'the server sent a part without the length of the file' }
      : { same: false, changed: true, reason: 'the file on the server changed size' };
  }
  if (otherVersion(asked.validator, httpFactsFrom(headers))) return { same: false, changed: true, reason: 'the file on the server changed' };
  if (range.start !== asked.start) return { same: false, changed: false, reason: `the server sent bytes from ${range.start}, not ${asked.start}` };
  // Asked past the end: the answer stops at the last byte. Open-ended: a shorter answer is only
  // short (the rest is asked again), never misplaced.
  const wantedEnd = asked.end === null ? range.end : range.total === null ? asked.end : Math.min(asked.end, range.total - 1);
  if (range.end !== wantedEnd) return { same: false, changed: false, reason: `the server sent bytes ${range.start}-${range.end}, not ${asked.start}-${wantedEnd}` };
  if (asked.plainOnly && !isIdentityEncoding(headers)) return { same: false, changed: false, reason: 'the server sent the part encoded (Content-Encoding)' };
  return { same: true, total: range.total ?? asked.total };
}
