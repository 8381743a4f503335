// When the service's state goes to its JobStore: at once for changes that matter (a command, a
// state change), at most once per interval for progress checkpoints. "At once" means before this
// turn of the event loop ends: a burst of changes (a batch of 200 added, many finishing together)
// is one snapshot of the state, not one each; flush() takes any pending one first.
import type { JobStore, Warn } from './store.ts';
import type { PersistedState } from './records.ts';

export class StateWriter {
  private timer: NodeJS.Timeout | null = null;
  private readonly store: JobStore;
  private readonly build: () => PersistedState;
  private readonly intervalMs: number;
  private readonly warn: Warn;

  constructor(store: JobStore, build: () => PersistedState, intervalMs: number, warn: Warn) {
    this.store = store;
    this.build = build;
    this.intervalMs = intervalMs;
    this.warn = warn;
  }

  private immediate: NodeJS.Immediate | null = null;

  now(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.immediate ??= setImmediate(() => this.saveNow());
  }

  private saveNow(): void {
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = null;
    try {
      // Built when written: between two writes, many changes cost one snapshot of the list.
      this.store.save(this.build);
    } catch (error) {
      this.warn(`could not save Ferry's state: ${(error as Error).message}`);
    }
  }

  /** Saves now if anything changed since the last save: at shutdown a list of 100,000 that did not change is not written again (seconds). */
  nowIfChanged(): void {
    if (this.timer || this.immediate) this.now();
  }

  soon(): void {
    this.timer ??= setTimeout(() => this.now(), this.intervalMs);
  }

  /** Resolves once everything changed so far is on disk; rejects if that save failed. */
  flush(): Promise<void> {
    if (this.immediate) this.saveNow();
    return this.store.flush();
  }
}
