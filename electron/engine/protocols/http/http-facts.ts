// What HTTP keeps to prove, on a later request, that the bytes on disk are of the same version of
// the resource: its validators. Owned by this protocol; the record holds them without knowing them.
import * as z from 'zod/mini';

export const HttpFactsSchema = z.object({
  protocol: z.literal('http'),
  etag: z.nullable(z.string()),
  lastModified: z.nullable(z.string()),
});
export type HttpFacts = z.infer<typeof HttpFactsSchema>;

export function httpFactsFrom(headers: Record<string, string | string[] | undefined>): HttpFacts {
  const etag = typeof headers['etag'] === 'string' ? headers['etag'] : null;
  const lastModified = typeof headers['last-modified'] === 'string' ? headers['last-modified'] : null;
  return { protocol: 'http', etag, lastModified };
}
