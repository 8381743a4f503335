// One fdatasync at a time for a file written by several connections, and at most one every
// `minGapMs` unless one is urgent (the end of a run): each writer asks on its own schedule and they
// share the flush. A caller is answered by a sync that started after it asked, so whatever it had
// written before asking is on the device when its promise resolves; a failed sync rejects every
// caller it was answering, and none of them may count its bytes as durable.

interface Pending {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
  urgent: boolean;
}

export class SyncGate {
  private inFlight = false;
  private next: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastStart = Number.NEGATIVE_INFINITY;
  private readonly datasync: () => Promise<void>;
  private readonly minGapMs: number;
  private readonly now: () => number;

  constructor(datasync: () => Promise<void>, minGapMs = 2000, now: () => number = Date.now) {
    this.datasync = datasync;
    this.minGapMs = minGapMs;
    this.now = now;
  }

  /** Resolves once a sync that started after this call has succeeded. */
  sync(urgent = false): Promise<void> {
    if (!this.next) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.next = { promise, resolve, reject, urgent: false };
    }
    const next = this.next;
    if (urgent) next.urgent = true;
    this.schedule();
    return next.promise;
  }

  /** Stops a waiting timer (the callers waiting on it are answered by no sync: only for a run that ends). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (!this.next || this.inFlight) return;
    const wait = this.next.urgent ? 0 : this.lastStart + this.minGapMs - this.now();
    if (wait <= 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.start();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.schedule();
      }, wait);
    }
  }

  private start(): void {
    const job = this.next!;
    this.next = null;
    this.inFlight = true;
    this.lastStart = this.now();
    this.datasync().then(job.resolve, job.reject).finally(() => {
      this.inFlight = false;
      this.schedule();
    });
  }
}
