// Maps whatever went wrong (network, HTTP, disk) to one of the error statuses (shared/errors.ts).
import type { ErrorStatus } from '../../../shared/errors.ts';
import { TransferError } from './transfer-error.ts';
import { hideUrlPassword } from '../../../shared/url-password.ts';

const NETWORK_CODES: Record<string, ErrorStatus> = {
  ENOTFOUND: 'HostNameNotResolved',
  EAI_AGAIN: 'HostNameNotResolved',
  EAI_NONAME: 'HostNameNotResolved',
  ENODATA: 'HostNameNotResolved',
  ESERVFAIL: 'HostNameNotResolved',
  ECONNREFUSED: 'CannotConnect',
  EHOSTUNREACH: 'CannotConnect',
  ENETUNREACH: 'CannotConnect',
  EADDRNOTAVAIL: 'CannotConnect',
  ETIMEDOUT: 'Timeout',
  ESOCKETTIMEDOUT: 'Timeout',
  ECONNRESET: 'ConnectionReset',
  ECONNABORTED: 'ConnectionReset',
  EPIPE: 'ConnectionReset',
  ERR_STREAM_PREMATURE_CLOSE: 'ConnectionReset',
  ERR_HTTP_CONTENT_LENGTH_MISMATCH: 'ConnectionReset',
  HPE_INVALID_CONSTANT: 'ServerError',
  HPE_HEADER_OVERFLOW: 'ServerError',
  ENOSPC: 'DiskFull',
  EDQUOT: 'DiskFull',
  EFBIG: 'DiskFull',
  EACCES: 'FileAccessDenied',
  EPERM: 'FileAccessDenied',
  EROFS: 'FileAccessDenied',
  EISDIR: 'FileAccessDenied',
  ENOTDIR: 'FileAccessDenied',
  ENOENT: 'FileAccessDenied',
};

const CERT_CODE = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|ERR_TLS_CERT)/;
/** OpenSSL's reasons (ERR_SSL_…) that are about a certificate: a peer's alert or our verification. */
const SSL_CERT_REASON = /CERT|_CA_|UNKNOWN_CA|KEY_TOO_SMALL|MD_TOO_WEAK/;

const STATUS_MESSAGES: Partial<Record<ErrorStatus, string>> = {
  HostNameNotResolved: 'the host name could not be resolved; check the address and your DNS',
  CannotConnect: 'could not connect to the server',
  Timeout: 'the server did not answer in time',
  ConnectionReset: 'the connection was interrupted',
  DiskFull: 'the disk is full',
  FileAccessDenied: 'the file or folder cannot be written',
  CertificateError: "the server's TLS certificate is not valid",
};

/** Failures worth another try; 4xx other than 408/429 are not. */
const RETRYABLE: ReadonlySet<ErrorStatus> = new Set<ErrorStatus>([
  'HostNameNotResolved',
  'CannotConnect',
  'Timeout',
  'ConnectionReset',
  'ServerError',
  'ServiceUnavailable',
  'TooManyRequests',
]);

export function isRetryable(error: TransferError): boolean {
  return !error.permanent && RETRYABLE.has(error.status);
}

/** A string field of the error or of one of its causes: a library may wrap the system error, one or two causes down. */
function causeField(error: unknown, field: 'code' | 'reason'): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const value = (current as Record<string, unknown>)[field];
    if (typeof value === 'string') return value;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const errorCode = (error: unknown): string | undefined => causeField(error, 'code');

/**
 * OpenSSL's words for a TLS failure that is not about a certificate (its reason, not its multi-line
 * trace), or null. Node says ERR_SSL_… where the handshake failed in reading, EPROTO with the same
 * OpenSSL text where it failed in writing (an https:// request to a plain HTTP server).
 */
function tlsProtocolFailure(error: unknown, code: string | undefined, raw: string): string | null {
  const fromText = /SSL routines:[^:]*:([^:]+):/.exec(raw)?.[1];
  if (code?.startsWith('ERR_SSL_') && !SSL_CERT_REASON.test(code)) return causeField(error, 'reason') ?? fromText ?? raw.replace(/\s+/g, ' ');
  if (code === 'EPROTO' && fromText && !/certificate/i.test(fromText)) return fromText;
  return null;
}

/** Turns any thrown value into a TransferError with an actionable message. */
export function classifyError(error: unknown, context: { url?: string; path?: string } = {}): TransferError {
  for (let cause: unknown = error, depth = 0; cause && depth < 4; depth++) {
    if (cause instanceof TransferError) return cause;
    cause = (cause as { cause?: unknown }).cause;
  }
  const code = errorCode(error);
  const raw = error instanceof Error ? error.message : String(error);
  if (code?.startsWith('HPE_')) {
    const where = context.url ? ` at ${hideUrlPassword(context.url)}` : '';
    return new TransferError('ServerError', `the server${where} did not answer in valid HTTP (${hideUrlPassword(raw)}); check the address and port`, { cause: error });
  }
  const tlsReason = tlsProtocolFailure(error, code, raw);
  if (tlsReason !== null) {
    // A TLS record or handshake the other side got wrong (plain text where TLS was due: "wrong
    // version number", a bad record, a protocol it will not speak): like invalid HTTP, the server's
    // answer, not its certificate, and worth another try.
    const where = context.url ? ` at ${hideUrlPassword(context.url)}` : '';
    return new TransferError('ServerError', `the server${where} did not answer in valid TLS (${hideUrlPassword(tlsReason)}); this is not a certificate problem`, { cause: error });
  }
  let status: ErrorStatus = 'Unknown';
  if (code && NETWORK_CODES[code]) status = NETWORK_CODES[code];
  else if (code && (CERT_CODE.test(code) || code.startsWith('ERR_SSL_'))) status = 'CertificateError';
  const base = STATUS_MESSAGES[status];
  const where =
    status === 'DiskFull' || status === 'FileAccessDenied'
      ? context.path ? ` (${context.path})` : ''
      : context.url ? ` (${hideUrlPassword(context.url)})` : '';
  // Node's client says only "aborted" when a body ends before its Content-Length or last chunk.
  const said = code === 'ECONNRESET' && raw === 'aborted' ? 'the server closed it before the whole answer had arrived' : hideUrlPassword(raw);
  const message = base ? `${base}${where}: ${said}` : said;
  return new TransferError(status, message, { cause: error });
}
