// What HTTP keeps to prove, on a later request, that the bytes on disk are of the same version of
// the resource: its validators, and its media type (a web page where a file was is not the file).
// Owned by this protocol; the record holds them without knowing them.
import * as z from 'zod/mini';
import { onFirstUse } from '../../../../shared/on-first-use.ts';

export const HttpFactsSchema = onFirstUse(() => z.object({
  protocol: z.literal('http'),
  etag: z.nullable(z.string()),
  lastModified: z.nullable(z.string()),
  /** The media type ("application/zip"), without parameters; absent in records from before it was kept. */
  mediaType: z.optional(z.nullable(z.string())),
}));
export type HttpFacts = z.infer<typeof HttpFactsSchema>;

export function httpFactsFrom(headers: Record<string, string | string[] | undefined>): HttpFacts {
  const etag = typeof headers['etag'] === 'string' ? headers['etag'] : null;
  const lastModified = typeof headers['last-modified'] === 'string' ? headers['last-modified'] : null;
  const contentType = typeof headers['content-type'] === 'string' ? headers['content-type'] : '';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase() || null;
  return { protocol: 'http', etag, lastModified, mediaType };
}

/** A strong ETag, or null: RFC 9110 forbids weak ones (W/"...") in If-Range, and they prove no version. */
export function strongEtag(etag: string | null | undefined): string | null {
  if (!etag) return null;
  const trimmed = etag.trim();
  return /^"[^"]*"$/.test(trimmed) ? trimmed : null;
}

/** A web page: what a server answers for an address that expired (a login or an error page). */
export function isWebPage(mediaType: string | null | undefined): boolean {
  return mediaType === 'text/html' || mediaType === 'application/xhtml+xml';
}
