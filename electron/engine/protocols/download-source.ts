// What a download protocol provides, one per URL scheme (see protocols/registry.ts): open the
// resource at an offset (to an end, or the end), proving with its own facts (HTTP: the validators)
// that the bytes already on disk belong to the same version, and say what it is. Writing the bytes is not its business (download-attempt.ts),
// nor retrying (the operation's).
import type { Readable } from 'node:stream';
import type { LookupFunction } from 'node:net';
import type { ProtocolFacts } from './protocol-facts.ts';
import type { FtpTls } from '../../../shared/model.ts';
import type { ProxyChooser } from '../proxy/proxy-server.ts';
import type { HttpSession } from './http/auth/http-session.ts';

export interface SourceRequest {
  url: string;
  headers: Record<string, string>;
  credential: { username: string; password: string } | null;
  /** Bytes already on disk (0 for a fresh start). */
  offset: number;
  /** The last byte wanted (inclusive); null: up to the end of the resource. */
  end: number | null;
  knownTotal: number | null;
  /** What the protocol said of the resource last time (a source ignores another protocol's). */
  facts: ProtocolFacts | null;
  /**
   * The bytes on disk came from another address and a checksum checked at the end vouches for them
   * (download/same-file.ts): a resource of `knownTotal` bytes may continue them without proving its
   * version by `facts`, which are the other address's.
   */
  vouched?: boolean | undefined;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  signal: AbortSignal;
  dnsLookup?: LookupFunction | undefined;
  /** ftp:// only: whether to ask for TLS (the ftpTls setting); 'auto' when not given. */
  ftpTls?: FtpTls | undefined;
  /** The proxy for each request's URL; absent: direct. */
  proxy?: ProxyChooser | undefined;
  /** http(s):// only: the transfer's Digest challenges and cookie jar, shared by its requests. */
  session?: HttpSession | undefined;
  /**
   * The address the login and secret headers were given for, when `url` is not it (an extra
   * connection asking where the first answer's redirects led): they go to its origin only.
   */
  givenFor?: string | undefined;
  /** A part of a download split over several connections: only plain (unencoded) bytes can be split. */
  segmented?: boolean | undefined;
}

/** What the resource is, as the answer to an accepted request says. */
export interface SourceAnswer {
  finalUrl: string;
  /** The file name the server suggests, not yet made safe; null if none. */
  suggestedName: string | null;
  /** An encoding applied to the bytes (HTTP Content-Encoding), and the content type, if known. */
  contentEncoding: string | undefined;
  contentType: string | undefined;
  total: number | null;
  /** What to keep to prove the version next time. */
  facts: ProtocolFacts;
  /** Where the body starts: the offset asked for, or 0 when the whole resource is sent. */
  offset: number;
  /** Why the bytes on disk must be dropped, when they must. */
  restartReason: string | null;
  /**
   * Whether other connections may fetch other ranges of this same version at once: the source
   * serves ranges, proves the version on each (a strong validator) and counts plain bytes.
   */
  splittable: boolean;
  /** The file's checksum as the source states it ("sha256:hex"), checked when none was given. */
  digest?: string | null;
}

export type SourceOpening =
  /** The body from `answer.offset`; the caller reads it and destroys it when done. */
  | { kind: 'body'; answer: SourceAnswer; body: Readable }
  /** The bytes on disk are the whole resource, as the source has confirmed. */
  | { kind: 'complete' }
  /** The resource's last byte, for the caller to compare with its own (null: not one byte came). */
  | { kind: 'lastByte'; byte: number | null }
  /**
   * The bytes on disk cannot be used: drop them and open again from 0. `misplaced`: the answer was
   * of the same file but not the part asked for (a source not to trust with parts).
   */
  | { kind: 'retryFromZero'; reason: string; misplaced?: boolean };

export interface DownloadSource {
  open(request: SourceRequest): Promise<SourceOpening>;
}
