// Speed over a sliding window and the ETA it implies.

export class SpeedMeter {
  private samples: Array<{ at: number; bytes: number }> = [];

  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(windowMs = 5000, now: () => number = Date.now) {
    this.windowMs = windowMs;
    this.now = now;
  }

  /** Records the running byte count (monotonic within one attempt). */
  sample(bytes: number): void {
    const at = this.now();
    this.samples.push({ at, bytes });
    const cutoff = at - this.windowMs;
    while (this.samples.length > 2 && this.samples[0]!.at < cutoff) this.samples.shift();
  }

  reset(): void {
    this.samples = [];
  }

  /** Bytes per second over the window; 0 when idle for the whole window. */
  speed(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last) return 0;
    const end = Math.max(last.at, this.now());
    if (end - last.at > this.windowMs) return 0;
    const elapsed = (end - first.at) / 1000;
    if (elapsed <= 0.2) return 0; // too little to say
    return Math.max(0, (last.bytes - first.bytes) / elapsed);
  }

  eta(done: number, total: number | null): number | null {
    const speed = this.speed();
    if (total === null || speed <= 0) return null;
    return Math.max(0, Math.ceil((total - done) / speed));
  }
}
