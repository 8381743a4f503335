// FTP's replies and basic-ftp's failures in the error statuses of shared/errors.ts, in words that
// name the URL (which holds no password: the intake took it out) and what the server said.
import { FTPError } from 'basic-ftp';
import type { ErrorStatus } from '../../../../shared/errors.ts';
import { TransferError } from '../../errors/transfer-error.ts';
import { classifyError } from '../../errors/error-classify.ts';
import { hideUrlPassword } from '../../../../shared/url-password.ts';

/** A reply code's status: 4xx are transient by the protocol (421: too many connections) and retried. */
export function statusForFtp(code: number): ErrorStatus {
  if (code === 530 || code === 532) return 'Unauthorized';
  if (code === 550 || code === 553) return 'NotFound';
  if (code === 552) return 'Forbidden';
  if (code >= 400 && code < 500) return 'ServiceUnavailable';
  return 'ServerError';
}

/** The server's reply text, one line, without its code. */
function said(error: FTPError): string {
  return error.message.replace(/^\d{3}[ -]?/, '').replace(/\s+/g, ' ').trim();
}

export function ftpReplyError(error: FTPError, url: string): TransferError {
  const status = statusForFtp(error.code);
  const shown = hideUrlPassword(url);
  const reply = `${error.code} ${said(error)}`.trim();
  const message =
    status === 'Unauthorized'
      ? `the FTP server refused the login for ${shown} (${reply}); check the user name and password`
      : status === 'NotFound'
        ? `the FTP server has no such file: ${shown} (${reply})`
        : error.code === 421
          ? `the FTP server refused the connection for ${shown} (${reply}): too many connections or busy`
          : `the FTP server answered ${reply} for ${shown}`;
  // 5xx replies are permanent by the protocol: another try gets the same answer.
  return new TransferError(status, message, { cause: error, permanent: error.code >= 500 });
}

/** basic-ftp's own failures carry no code: known by their words. */
const LIBRARY_FAILURES: Array<[RegExp, ErrorStatus, string]> = [
  [/^Timeout/i, 'Timeout', 'the FTP server did not answer in time'],
  [/Server sent FIN packet unexpectedly|Server closed connection unexpectedly|Socket closed due to transmission error/i, 'ConnectionReset', 'the FTP server closed the connection'],
  [/Can't open data connection|Unexpected FTP response|Can't parse response/i, 'ServerError', 'the FTP server could not be used'],
];

/** Any failure of an FTP exchange as a TransferError. */
export function ftpError(error: unknown, url: string): TransferError {
  if (error instanceof TransferError) return error;
  if (error instanceof FTPError) return ftpReplyError(error, url);
  const code = (error as { code?: unknown } | null)?.code;
  const text = error instanceof Error ? error.message : String(error);
  if (typeof code !== 'string') {
    for (const [pattern, status, words] of LIBRARY_FAILURES) {
      if (pattern.test(text)) return new TransferError(status, `${words} (${hideUrlPassword(url)}): ${text}`, { cause: error });
    }
  }
  return classifyError(error, { url });
}
