// The RPC's secret, presented as aria2 clients do: "token:SECRET" as a call's first parameter.
// Compared in constant time (HMAC of both, so the length leaks nothing either). Wrong secrets are
// counted: after LOCKOUT_AFTER in a row every call is refused for LOCKOUT_MS, whatever secret it
// carries, so guessing goes at most LOCKOUT_AFTER tries per LOCKOUT_MS (every caller is local, so
// there is no one address to block). A right secret outside a lockout clears the run.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Aria2RpcError } from './rpc-error.ts';

export const TOKEN_PREFIX = 'token:';
export const LOCKOUT_AFTER = 5;
export const LOCKOUT_MS = 10_000;

export interface SecretGuardOptions {
  /** The secret now (read when asked: it may change while the RPC listens); null: none set. */
  secret(): string | null;
  /** One line when a lockout starts (never the secret). */
  warn(message: string): void;
  now?: () => number;
}

export class SecretGuard {
  private readonly key = randomBytes(32);
  private wrongInARow = 0;
  private lockedUntil = 0;
  /** Every call refused for its secret since the RPC started. */
  refused = 0;
  private readonly options: SecretGuardOptions;

  constructor(options: SecretGuardOptions) {
    this.options = options;
  }

  /** Throws aria2's "Unauthorized" unless `first` is "token:" and the secret. */
  check(first: unknown): void {
    const now = (this.options.now ?? Date.now)();
    if (now < this.lockedUntil) {
      this.refused++;
      throw new Aria2RpcError(`Unauthorized: too many calls with a wrong secret; every call is refused for ${Math.ceil((this.lockedUntil - now) / 1000)} s more`);
    }
    const secret = this.options.secret();
    const given = typeof first === 'string' && first.startsWith(TOKEN_PREFIX) ? first.slice(TOKEN_PREFIX.length) : null;
    if (secret !== null && given !== null && this.equal(given, secret)) {
      this.wrongInARow = 0;
      return;
    }
    this.refused++;
    if (given !== null && ++this.wrongInARow >= LOCKOUT_AFTER) {
      this.wrongInARow = 0;
      this.lockedUntil = now + LOCKOUT_MS;
      this.options.warn(`aria2 RPC: ${LOCKOUT_AFTER} calls in a row with a wrong secret (${this.refused} refused in all); every call is refused for the next ${LOCKOUT_MS / 1000} s`);
    }
    throw new Aria2RpcError(given === null ? 'Unauthorized: give the secret as the first parameter, "token:SECRET"' : 'Unauthorized: wrong secret');
  }

  private equal(given: string, secret: string): boolean {
    const a = createHmac('sha256', this.key).update(given).digest();
    const b = createHmac('sha256', this.key).update(secret).digest();
    return timingSafeEqual(a, b);
  }
}
