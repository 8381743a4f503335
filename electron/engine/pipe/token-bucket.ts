// A speed limit as a token bucket: bytes may move at `rate` per second, with a burst of half a
// second's worth, so that over any few seconds the average stays within a few percent of the limit.
// Taking more than there is leaves a debt the caller waits out: a connection never needs to know
// how many others share the bucket.

/** The bucket's clock; tests turn it by hand. */
export type Now = () => number;

const BURST_SECONDS = 0.5;

export class TokenBucket {
  private rate: number | null;
  private tokens = 0;
  private at: number;
  private readonly now: Now;

  /** `rate` in bytes per second; null: no limit. */
  constructor(rate: number | null, now: Now = performance.now.bind(performance)) {
    this.now = now;
    this.at = now();
    this.rate = null;
    this.setRate(rate);
  }

  get limit(): number | null {
    return this.rate;
  }

  /** A new limit takes effect at once for whoever takes next; a debt under the old one is forgiven. */
  setRate(rate: number | null): void {
    this.refill();
    this.rate = rate !== null && rate > 0 ? rate : null;
    this.tokens = this.rate === null ? 0 : Math.max(0, Math.min(this.tokens, this.burst()));
  }

  /** Takes `bytes` (the debt may go below zero). */
  take(bytes: number): void {
    if (this.rate === null) return;
    this.refill();
    this.tokens -= bytes;
  }

  /** How many ms until the debt is paid (0: none, or no limit any more). */
  waitLeft(): number {
    if (this.rate === null) return 0;
    this.refill();
    return this.tokens >= 0 ? 0 : (-this.tokens / this.rate) * 1000;
  }

  private burst(): number {
    return this.rate === null ? 0 : this.rate * BURST_SECONDS;
  }

  private refill(): void {
    const now = this.now();
    if (this.rate !== null) this.tokens = Math.min(this.burst(), this.tokens + ((now - this.at) / 1000) * this.rate);
    this.at = now;
  }
}

/** Several buckets a transfer's bytes pass through together (its own, and the global one of its kind). */
export interface Pacer {
  /** Takes `bytes` from every bucket. */
  take(bytes: number): void;
  /** How many ms until every bucket's debt is paid; asked again after a wait, as a limit may change meanwhile. */
  waitLeft(): number;
  /** Whether any bucket limits now (senders move smaller pieces then, for an even pace). */
  limited(): boolean;
}

export const UNLIMITED: Pacer = { take: () => undefined, waitLeft: () => 0, limited: () => false };

/** The longest a mover sleeps before asking again: a limit raised or lifted applies within this. */
export const PACE_STEP_MS = 200;

/** Takes `bytes` and resolves once they may move; `held` hears when a wait starts and ends (the flow watchdog). */
export async function paced(pacer: Pacer, bytes: number, held?: (held: boolean) => void): Promise<void> {
  pacer.take(bytes);
  let wait = pacer.waitLeft();
  if (wait <= 0) return;
  held?.(true);
  for (; wait > 0; wait = pacer.waitLeft()) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, PACE_STEP_MS)));
  held?.(false);
}

/** How big a piece a limited sender moves at a time: small enough for an even pace at low limits. */
const PACED_PIECE_BYTES = 64 * 1024;

/**
 * `chunk` in the pieces a sender moves under `pacer`, each yielded once the limits let it go
 * (64 KiB while limited, else the whole chunk at once).
 */
export async function* pacedPieces(chunk: Buffer, pacer: Pacer, held?: (held: boolean) => void): AsyncGenerator<Buffer> {
  const piece = pacer.limited() ? PACED_PIECE_BYTES : chunk.length;
  for (let at = 0; at < chunk.length; at += piece) {
    const slice = chunk.subarray(at, at + piece);
    await paced(pacer, slice.length, held);
    yield slice;
  }
}
