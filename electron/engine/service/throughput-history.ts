// The total speed, once a second, for the last five minutes: kept by the host so the UI's chart
// shows the same history after a reload or in a second window.
import { THROUGHPUT_SAMPLES } from '../../../shared/model.ts';

export class ThroughputHistory {
  private readonly samples: number[] = [];
  private timer: NodeJS.Timeout | null = null;

  /** `speed` is read once a second: the bytes per second of everything moving now. */
  start(speed: () => number, intervalMs = 1000): void {
    this.timer ??= setInterval(() => {
      this.samples.push(Math.round(speed()));
      if (this.samples.length > THROUGHPUT_SAMPLES) this.samples.shift();
    }, intervalMs);
    this.timer.unref();
  }

  list(): number[] {
    return [...this.samples];
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
