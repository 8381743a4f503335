// When to try again: exponential backoff with full jitter, Retry-After honoured.

/** Parses Retry-After (delta-seconds or an HTTP-date) into milliseconds from `now`; null if unusable. */
export function parseRetryAfter(value: string, now: number): number | null {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Returns a number in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (1-based). Half of the exponential delay is fixed and half is
 * random, so many clients failing together do not come back together. A server's Retry-After wins
 * when it asks for longer.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, retryAfterMs: number | null = null): number {
  const random = options.random ?? Math.random;
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  if (retryAfterMs !== null) return Math.max(jittered, Math.min(retryAfterMs, Math.max(options.maxDelayMs, 3_600_000)));
  return jittered;
}

export type AfterFailure = { kind: 'retry'; delayMs: number; reason: string } | { kind: 'fail'; reason: string };

/**
 * What a failed run leads to: another try after a backoff (transient failures, `failuresInRow`
 * counting this one, up to `retries`), or failing; with the words the history keeps.
 */
export function afterFailure(
  error: { status: string; httpStatus: number | null; retryAfterMs: number | null },
  retryable: boolean,
  failuresInRow: number,
  settings: { retries: number; retryBaseDelayMs: number; retryMaxDelayMs: number },
): AfterFailure {
  if (!retryable) return { kind: 'fail', reason: `${error.status}: not worth retrying` };
  if (failuresInRow > settings.retries) return { kind: 'fail', reason: `${error.status}: gave up after ${settings.retries} retries` };
  const delayMs = backoffDelay(failuresInRow, { baseDelayMs: settings.retryBaseDelayMs, maxDelayMs: settings.retryMaxDelayMs }, error.retryAfterMs);
  const http = error.httpStatus ? ` (HTTP ${error.httpStatus})` : '';
  return { kind: 'retry', delayMs, reason: `${error.status}${http}: trying again in ${Math.ceil(delayMs / 1000)} s (${failuresInRow} of ${settings.retries})` };
}
