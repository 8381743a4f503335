// What a protocol folder declares about itself (protocols/registry.ts lists them): the URL schemes
// it downloads, the ways of uploading it serves, and the schema of the facts it keeps in a record
// to continue a transfer (protocol-facts.ts) with its rule for "the same version". Sources and
// sinks load when first used.
import type * as z from 'zod/mini';
import type { UploadProtocol } from '../../../shared/model.ts';
import type { DownloadSource } from './download-source.ts';
import type { UploadSink } from './upload-sink.ts';

/** What proves which version of a resource an answer is: the protocol's facts and its length. */
export interface Version<Facts> {
  facts: Facts;
  /** Bytes, or null when the answer did not say. */
  total: number | null;
}

export interface ProtocolDescriptor<Facts extends z.ZodMiniObject = z.ZodMiniObject> {
  name: string;
  /** URL schemes it downloads ('http:'), with the source that opens a byte range of them. */
  downloadSchemes: readonly string[];
  source?: () => Promise<DownloadSource>;
  /** The upload protocols it sends, each with its sink. */
  uploads: Partial<Record<UploadProtocol, () => Promise<UploadSink>>>;
  /** Its facts in the record's protocolState: an object whose `protocol` is this name. */
  facts: Facts;
  /**
   * The one rule of a protocol that downloads for "this answer is the version held": a whole
   * answer of it to a part's request is the server's limit, anything else another version.
   */
  sameVersion?(held: Version<z.infer<Facts>>, now: Version<z.infer<Facts>>): boolean;
}
