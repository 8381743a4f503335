// An EngineClock the test turns by hand: time stands still until `advance` or `set`, which fire
// the timers that fall due, in order.
import type { EngineClock } from '../../electron/engine/service/clock.ts';

export class HandClock implements EngineClock {
  private at: number;
  private readonly start: number;
  private timers: Array<{ due: number; fire: () => void }> = [];

  constructor(at: Date | number) {
    this.at = this.start = typeof at === 'number' ? at : at.getTime();
  }

  now = (): number => this.at;
  elapsed = (): number => this.at - this.start;

  setTimer = (fire: () => void, ms: number): (() => void) => {
    const timer = { due: this.at + ms, fire };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  };

  /** How many timers wait, and when the first falls due (null: none). */
  get pending(): { count: number; next: number | null } {
    const dues = this.timers.map((t) => t.due);
    return { count: dues.length, next: dues.length ? Math.min(...dues) : null };
  }

  advance(ms: number): void {
    this.set(this.at + ms);
  }

  /** Turns the clock forward to `to`, firing each timer due on the way at its own time. */
  set(to: Date | number): void {
    const target = typeof to === 'number' ? to : to.getTime();
    for (;;) {
      const due = this.timers.filter((t) => t.due <= target).sort((a, b) => a.due - b.due)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.at = Math.max(this.at, due.due);
      due.fire();
    }
    this.at = target;
  }
}
