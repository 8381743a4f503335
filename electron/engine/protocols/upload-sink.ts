// What an upload protocol provides, one per upload protocol (see protocols/registry.ts): send the
// files and say what the server answered. Retrying, the state and the record are the operation's.
import type { LookupFunction } from 'node:net';
import type { UploadMethod, UploadResponse } from '../../../shared/model.ts';
import type { UploadFile } from '../state/records.ts';
import type { FlowLimits } from '../pipe/flow-watchdog.ts';
import type { Pacer } from '../pipe/token-bucket.ts';
import type { ProtocolFacts } from './protocol-facts.ts';
import type { ProxyChooser } from '../proxy/proxy-server.ts';
import type { HttpSession } from './http/auth/http-session.ts';

export interface SinkRequest {
  url: string;
  method: UploadMethod;
  headers: Record<string, string>;
  credential: { username: string; password: string } | null;
  files: UploadFile[];
  fields: Array<{ name: string; value: string }>;
  /** What the protocol kept from an earlier run (tus: the upload's URL, to continue from the server's offset). */
  facts: ProtocolFacts | null;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  flow: FlowLimits;
  /** The speed limits the body goes out under. */
  pacer: Pacer;
  signal: AbortSignal;
  dnsLookup?: LookupFunction | undefined;
  /** The proxy for each request's URL; absent: direct. */
  proxy?: ProxyChooser | undefined;
  /** The transfer's Digest challenges and cookie jar, shared by its requests. */
  session?: HttpSession | undefined;
  /** The body's size once known (a multipart body with its boundaries). */
  onTotal(bytes: number): void;
  /** Bytes of the body sent so far (from where this run started). */
  onProgress(bytesSent: number): void;
  /** tus: the server has these bytes for certain. */
  onConfirmed?(bytes: number): void;
  /** What to keep for the next run, the moment the protocol knows it (null: forget what was kept). */
  onFacts?(facts: ProtocolFacts | null): void;
}

export interface UploadSink {
  /**
   * Sends the upload; resolves with the server's final answer whatever its status (the caller
   * judges it); throws when no answer came (network, timeout, a file that changed).
   */
  send(request: SinkRequest): Promise<UploadResponse>;
}

/** How much of a response body is kept with the upload. */
export const RESPONSE_BODY_LIMIT = 64 * 1024;

/** The first RESPONSE_BODY_LIMIT bytes of a body as text, and whether there was more. */
export function responseText(chunks: Buffer[]): { body: string; truncated: boolean } {
  const all = Buffer.concat(chunks);
  const kept = all.subarray(0, RESPONSE_BODY_LIMIT);
  return { body: new TextDecoder('utf-8', { fatal: false }).decode(kept), truncated: all.length > RESPONSE_BODY_LIMIT };
}
