// How many connections a download may have: start at 1; a connection already this fast stays
// alone (below), a slower one gets three more at once; then double every window while the total throughput still rises by 5% or more
// (quadruple while doubling nearly doubled it: a server that caps each connection), and stop where
// it does not (the server, the link or the disk is saturated) or where this process is busy most of
// the window (its CPU is the limit: more connections would only cost more of it), looking once more
// a second later (an early burst can hide a cap). A server refusing more is at its limit: keep what
// streams. Windows that say nothing
// about the server (a speed limit holding bytes back, connections still connecting, the tail of
// the file, nothing moving) are not judged.

const RISE = 1.05;
/** Doubling gave at least this much more: each connection is capped, so more help in proportion. */
const LINEAR = 1.6;
/**
 * A flat window is looked at again once, this much later: a server's early allowance (nginx's
 * limit_rate lets each new answer send a second's worth at once, token buckets a burst) makes its
 * first windows flat while its connections are not capped yet.
 */
export const RECHECK_MS = 1000;

/**
 * One connection at least this fast is not joined by others: past it the CPU or the disk was the
 * limit wherever we measured, and a second connection only cost more of both (1 GiB from vsftpd on
 * loopback: 476 MiB/s alone, 310 with the ramp's second connection; HTTP likewise). A slower one
 * (a server capping each connection, a long path TCP cannot fill alone) is what splitting is for.
 */
export const ONE_IS_ENOUGH_BYTES_PER_SEC = 64 * 1024 * 1024;

/**
 * How long a window is: long enough for new connections to get up to speed (TCP's slow start
 * takes a few round trips, and an answer's wait is about one), short enough that a server capping
 * each connection is met with enough of them in a second or two.
 */
export function windowMs(answerWaitMs: number | null): number {
  return Math.min(2000, Math.max(150, 8 * (answerWaitMs ?? 0)));
}

/**
 * The share of a window this process spent on a CPU past which it is its own limit. A lone
 * connection on loopback kept its event loop busy 30-100% of each half second on a loaded 2-core
 * machine (where it also fell under 64 MiB/s), one throttled by its server 1-8%.
 */
const BUSY = 0.5;

export interface WindowFacts {
  bytesPerSec: number;
  /** The share of the window this process spent on a CPU (0 to 1; all its threads). */
  busy: number;
  /** Every allowed connection streamed through the window. */
  allStreaming: boolean;
  /** A speed limit held bytes back in it. */
  throttled: boolean;
  /** Little is left: more connections would cost more than they bring. */
  tail: boolean;
}

export class ConnectionRamp {
  private current: number;
  private best = 0;
  private settled: boolean;
  private readonly max: number;
  /** A server refused more: `current` is its limit, not just how far the ramp got. */
  private capped = false;
  /** Settled by a flat window: when to try once more (null: never again). */
  private recheckAt: number | null = null;
  private rechecked = false;
  private readonly now: () => number;

  /** `fixed`: the user's count (no ramp); `max`: the most to try (the per-server setting, or a host's remembered limit). */
  constructor(options: { fixed: number | null; max: number }, now: () => number = Date.now) {
    this.now = now;
    this.max = Math.max(1, options.fixed ?? options.max);
    this.current = options.fixed ?? 1;
    this.settled = options.fixed !== null;
  }

  get allowed(): number {
    return this.current;
  }

  /** The most connections there may be for a reader waiting ahead: the server's limit once known, else the maximum. */
  get ceiling(): number {
    return this.capped ? this.current : this.max;
  }

  /** A window ended; returns the connections now allowed. */
  window(facts: WindowFacts): number {
    if (facts.throttled || facts.tail || !facts.allStreaming || facts.bytesPerSec <= 0) return this.current;
    if (this.settled) {
      if (this.recheckAt === null || this.now() < this.recheckAt) return this.current;
      // Once more, from what this count gives now.
      this.recheckAt = null;
      this.settled = false;
      this.best = 0;
    }
    const alone = this.best === 0 && this.current === 1;
    if (facts.busy >= BUSY || (alone && facts.bytesPerSec >= ONE_IS_ENOUGH_BYTES_PER_SEC) || (this.best > 0 && facts.bytesPerSec < this.best * RISE)) {
      this.settled = true;
      this.recheckAt = this.rechecked ? null : this.now() + RECHECK_MS;
      this.rechecked = true;
      return this.current;
    }
    // A lone connection that is not fast goes to four at once: a server's early burst makes the next
    // window look flat, and each flat window costs a second's recheck (limit_conn 4: 1.4 s at two).
    const factor = alone || (this.best > 0 && facts.bytesPerSec >= this.best * LINEAR) ? 4 : 2;
    this.best = Math.max(this.best, facts.bytesPerSec);
    this.current = Math.min(this.max, this.current * factor);
    if (this.current === this.max) this.settled = true;
    return this.current;
  }

  /** The server refused another connection while `streaming` did work: that is its limit. */
  refused(streaming: number): number {
    this.current = Math.max(1, streaming);
    this.settled = true;
    this.capped = true;
    this.recheckAt = null;
    return this.current;
  }

  /** Try one more (after a refusal's wait): the limit may have been another client's. */
  probe(): number {
    this.current = Math.min(this.max, this.current + 1);
    return this.current;
  }
}
