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
