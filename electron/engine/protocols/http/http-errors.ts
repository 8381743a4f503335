// HTTP's answers in the error statuses of shared/errors.ts (tus and the upload step judge HTTP
// answers too): what a status means, and Retry-After kept for the retry policy.
import type { ErrorStatus } from '../../../../shared/errors.ts';
import { TransferError } from '../../errors/transfer-error.ts';
import { parseRetryAfter } from '../../policy/retry-policy.ts';
import { hideUrlPassword } from '../../../../shared/url-password.ts';

export function statusForHttp(code: number): ErrorStatus | null {
  if (code < 400) return null;
  switch (code) {
    case 401: return 'Unauthorized';
    case 403: return 'Forbidden';
    case 404:
    case 410: return 'NotFound';
    case 407: return 'ProxyAuthenticationRequired';
    case 408: return 'Timeout';
    case 416: return 'RangeNotSatisfiable';
    case 429: return 'TooManyRequests';
    case 503: return 'ServiceUnavailable';
    default: return code >= 500 ? 'ServerError' : 'Unknown';
  }
}

/** What a 401 means for the login that was sent (`user`: its name; null: none was sent). */
function loginVerdict(user: string | null | undefined): string {
  if (user === undefined) return '';
  return user === null
    ? ': it asks for a login; give one with --user NAME (asks for the password), FERRY_USER or in the add form'
    : `: it refused the login of user "${user}" (the name or the password is wrong; it is not tried again)`;
}

export function httpError(
  code: number,
  statusText: string | undefined,
  url: string,
  headers: Record<string, string | string[] | undefined>,
  /** The name of the login the request carried (null: none); absent: not known here. */
  user?: string | null,
  /** The origin of the server that answered (after redirects), when known. */
  answeredBy?: string,
): TransferError {
  const status = statusForHttp(code) ?? 'Unknown';
  const retryAfter = headers['retry-after'];
  const retryAfterMs = typeof retryAfter === 'string' ? parseRetryAfter(retryAfter, Date.now()) : null;
  const text = statusText ? ` ${statusText}` : '';
  const verdict = code === 401 ? loginVerdict(user) : '';
  return new TransferError(status, `the server answered HTTP ${code}${text} for ${hideUrlPassword(url)}${verdict}`, {
    httpStatus: code,
    retryAfterMs,
    answeredBy: answeredBy ?? null,
  });
}
