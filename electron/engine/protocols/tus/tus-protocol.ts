// tus 1.0 resumable uploads over HTTP(S), with tus-js-client.
import type { ProtocolDescriptor } from '../protocol.ts';
import { TusFactsSchema } from './tus-facts.ts';

export const tusProtocol = {
  name: 'tus',
  downloadSchemes: [],
  uploads: { tus: async () => (await import('./tus-upload.ts')).tusUploadSink },
  facts: TusFactsSchema,
} satisfies ProtocolDescriptor<typeof TusFactsSchema>;
