// Failures in words a person understands: a sentence per error status for the list, a few words
// for a pending retry. The status code itself stays in `ferry ls --json` (and in the row's tooltip).
import type { ErrorStatus, TransferErrorInfo } from '../../shared/errors.ts';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

const SENTENCES: Record<ErrorStatus, (host: string, code: string) => string> = {
  HostNameNotResolved: (host) => `Cannot find the server ${host}: check the address or your connection.`,
  CannotConnect: (host) => `Cannot connect to ${host}: the server may be down, or something blocks the way.`,
  Timeout: (host) => `The server ${host} stopped answering in time.`,
  ConnectionReset: (host) => `The connection to ${host} was cut off.`,
  Unauthorized: (_host, code) => `The server asks for a user name and password${code}.`,
  Forbidden: (_host, code) => `The server refuses to give out this file${code}.`,
  NotFound: (_host, code) => `The server says this file does not exist${code}.`,
  ProxyAuthenticationRequired: (_host, code) => `The proxy asks for a user name and password${code}.`,
  RangeNotSatisfiable: (_host, code) => `The server could not send the rest of the file${code}.`,
  ServerError: (host, code) => `The server ${host} ran into a problem${code}.`,
  ServiceUnavailable: (_host, code) => `The server is busy or down for maintenance${code}.`,
  TooManyRequests: (_host, code) => `The server asks Ferry to slow down: too many requests${code}.`,
  CertificateError: (host) => `The security certificate of ${host} is not valid.`,
  ChecksumMismatch: () => 'The file arrived, but its checksum does not match the one given.',
  DiskFull: () => 'The disk is full.',
  FileAccessDenied: () => 'Ferry cannot write the file there.',
  ResourceChanged: () => 'The file kept changing on the server while it was downloading.',
  InvalidUri: () => 'This address cannot be downloaded.',
  InvalidArgument: () => 'The request is not valid.',
  TooManyTransfers: () => 'Ferry has too many unfinished transfers.',
  Canceled: () => 'Canceled.',
  Unknown: () => 'Something went wrong.',
};

/** Where an upload's failure reads differently from a download's. */
const UPLOAD_SENTENCES: Partial<Record<ErrorStatus, (host: string, code: string) => string>> = {
  Forbidden: (_host, code) => `The server refuses this upload${code}.`,
  NotFound: (_host, code) => `The server has no place to upload to at this address${code}.`,
  FileAccessDenied: () => 'Ferry cannot read the file to upload.',
  ResourceChanged: () => 'The file changed on disk while it was being uploaded.',
  InvalidUri: () => 'Ferry cannot upload to this address.',
  ConnectionReset: (host) => `The connection to ${host} was cut off while the file was being sent.`,
  Unknown: (_host, code) => (code ? `The server did not accept the upload${code}.` : 'Something went wrong.'),
};

/** "The server says this file does not exist (404)." */
export function errorSentence(error: TransferErrorInfo, url: string, kind: 'download' | 'upload' = 'download'): string {
  const sentence = (kind === 'upload' ? UPLOAD_SENTENCES[error.status] : undefined) ?? SENTENCES[error.status];
  return sentence(hostOf(url), error.httpStatus ? ` (${error.httpStatus})` : '');
}

const RETRY_WORDS: Partial<Record<ErrorStatus, string>> = {
  HostNameNotResolved: 'server not found',
  CannotConnect: 'cannot connect',
  Timeout: 'no answer in time',
  ConnectionReset: 'connection cut off',
  ServerError: 'server problem',
  ServiceUnavailable: 'server busy',
  TooManyRequests: 'asked to slow down',
};

/** Why a retry is pending, in a few words ("server busy"). */
export function retryWords(status: ErrorStatus): string {
  return RETRY_WORDS[status] ?? 'an error';
}
