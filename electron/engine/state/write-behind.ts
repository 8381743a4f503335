// Writing a file in the background, the newest content only, one write at a time: the state file
// and the secrets file are both written this way.
import type { Warn } from './store.ts';

/** What is written: the content, or a function that builds it when it is written. */
export type Saved<T> = T | (() => T);
export const built = <T>(saved: Saved<T>): T => (typeof saved === 'function' ? (saved as () => T)() : saved);

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;
/**
 * Between two writes nobody waits for, at least this long: while 200 small downloads finish, the
 * state (all of their records) was written back to back, a fifth of the daemon's work. A command
 * waiting for its save (flush) is written at once.
 */
const QUIET_GAP_MS = 50;

/**
 * Writes the newest content (as JSON) in the background, one write at a time: the event loop never
 * waits for the disk. A state file's fsync can take hundreds of milliseconds while a download is being flushed
 * (ext4 commits the data with it), and a synchronous write would stall every transfer meanwhile.
 * A failed write (a full disk) fails the flushes waiting for it and is tried again, with backoff,
 * until one succeeds: the newest state reaches the disk once there is room, without a command.
 */
export class WriteBehind<T> {
  private pending: Saved<T> | null = null;
  private writing: Promise<void> | null = null;
  /** Saves queued so far, and how many of them a finished write covered. */
  private queued = 0;
  private written = 0;
  private waiters: Array<{ upTo: number; resolve: () => void; reject: (error: Error) => void }> = [];
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay = RETRY_MIN_MS;
  private failing = false;
  private readonly write: (json: string) => Promise<void>;
  private readonly fail: (error: unknown) => Error;
  private readonly warn: Warn;
  private readonly savedAgain: string;

  /** `savedAgain`: what to say once a write succeeds after failures were reported. */
  constructor(write: (json: string) => Promise<void>, warn: Warn, fail: (error: unknown) => Error = (e) => e as Error, savedAgain = "Ferry's state is saved again") {
    this.write = write;
    this.warn = warn;
    this.fail = fail;
    this.savedAgain = savedAgain;
  }

  queue(state: Saved<T>): void {
    this.pending = state;
    this.queued++;
    if (!this.retryTimer) this.writing ??= this.drain();
  }

  /**
   * Resolves once the saves queued before this call are written (later ones are not waited for);
   * rejects when the write that was to cover them failed.
   */
  flush(): Promise<void> {
    const upTo = this.queued;
    if (this.written >= upTo) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ upTo, resolve, reject });
      this.wake?.();
      // A write failed and waits for its retry (an unref'd timer): someone waits now, so try now.
      // Left to the timer, a process that only waits for this flush would end with it unsettled.
      if (this.retryTimer) {
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
        this.writing ??= this.drain();
      }
    });
  }

  /** Ends the quiet gap early: someone waits for the disk. */
  private wake: (() => void) | null = null;

  private lastWriteEnded = -Infinity;

  private async drain(): Promise<void> {
    while (this.pending) {
      const gap = this.lastWriteEnded + QUIET_GAP_MS - performance.now();
      if (gap > 0 && this.waiters.length === 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            this.wake = null;
            resolve();
          }, gap);
          this.wake = () => {
            clearTimeout(timer);
            this.wake = null;
            resolve();
          };
        });
      }
      // Serialised when written, not when queued: a burst of saves costs one stringify.
      const covers = this.queued;
      const state = this.pending;
      this.pending = null;
      try {
        await this.write(JSON.stringify(built(state)));
        this.lastWriteEnded = performance.now();
      } catch (error) {
        this.failed(state, covers, error);
        this.writing = null;
        return;
      }
      if (this.failing) this.warn(this.savedAgain);
      this.failing = false;
      this.retryDelay = RETRY_MIN_MS;
      this.written = covers;
      this.settle(covers, null);
    }
    this.writing = null;
  }

  /** Fails the flushes that waited for this write, and tries the newest state again later. */
  private failed(state: Saved<T>, covers: number, error: unknown): void {
    const reason = this.fail(error);
    if (!this.failing) this.warn(reason.message);
    this.failing = true;
    this.settle(covers, reason);
    this.pending ??= state;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.writing ??= this.drain();
    }, this.retryDelay);
    this.retryTimer.unref();
    this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
  }

  private settle(covers: number, error: Error | null): void {
    const ready = this.waiters.filter((w) => w.upTo <= covers);
    this.waiters = this.waiters.filter((w) => w.upTo > covers);
    for (const waiter of ready) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  }
}
