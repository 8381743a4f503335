// HTTP(S): downloads (Range + If-Range, resume-check.ts) and plain and multipart uploads.
import type { ProtocolDescriptor } from '../protocol.ts';
import { HttpFactsSchema } from './http-facts.ts';
import { sameHttpVersion } from './range-answer.ts';

export const httpProtocol = {
  name: 'http',
  downloadSchemes: ['http:', 'https:'],
  source: async () => (await import('./http-source.ts')).httpSource,
  uploads: {
    raw: async () => (await import('./http-upload.ts')).rawUploadSink,
    multipart: async () => (await import('./http-upload.ts')).multipartUploadSink,
  },
  facts: HttpFactsSchema,
  sameVersion: sameHttpVersion,
} satisfies ProtocolDescriptor<typeof HttpFactsSchema>;
