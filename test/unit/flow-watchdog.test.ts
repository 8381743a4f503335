// The flow watchdog on a clock the test turns: silence, a trickle under the floor, a slow but
// honest connection, and the times it must not count (held, awaiting an answer).
import { describe, expect, it } from 'vitest';
import { FlowWatchdog, type FlowClock, type FlowLimits } from '../../electron/engine/pipe/flow-watchdog.ts';
import type { TransferError } from '../../electron/engine/errors/transfer-error.ts';

class HandClock implements FlowClock {
  at = 0;
  private ticks: Array<{ every: number; next: number; tick: () => void; stopped: boolean }> = [];
  now = (): number => this.at;
  every = (ms: number, tick: () => void): (() => void) => {
    const entry = { every: ms, next: this.at + ms, tick, stopped: false };
    this.ticks.push(entry);
    return () => (entry.stopped = true);
  };
  /** Moves time forward by ms, firing ticks in order; `each` runs before every tick (bytes arriving). */
  advance(ms: number, each?: (at: number) => void): void {
    const end = this.at + ms;
    for (;;) {
      const due = this.ticks.filter((t) => !t.stopped).sort((a, b) => a.next - b.next)[0];
      if (!due || due.next > end) break;
      this.at = due.next;
      each?.(this.at);
      due.next += due.every;
      due.tick();
    }
    this.at = end;
  }
}

const LIMITS: FlowLimits = { stallTimeoutMs: 30_000, speedFloorBytesPerSec: 1000, speedFloorWindowMs: 60_000 };

function watch(limits: Partial<FlowLimits> = {}, direction: 'download' | 'upload' = 'download') {
  const clock = new HandClock();
  const stalls: TransferError[] = [];
  const dog = new FlowWatchdog({ ...LIMITS, ...limits }, direction, (error) => stalls.push(error), clock);
  return { clock, stalls, dog };
}

describe('FlowWatchdog', () => {
  it('calls a connection silent for stallTimeoutMs stalled, once', () => {
    const { clock, stalls } = watch();
    clock.advance(29_000);
    expect(stalls).toEqual([]);
    clock.advance(2_000);
    expect(stalls.map((e) => [e.status, e.message])).toEqual([['Timeout', 'no data arrived for 30 s; reconnecting']]);
    clock.advance(100_000);
    expect(stalls).toHaveLength(1);
  });

  it('calls a trickle (a byte every 20 s) stalled after one window below the floor', () => {
    const { clock, stalls, dog } = watch();
    dog.moved(1);
    let last = 0;
    clock.advance(59_000, (at) => {
      if (at - last >= 20_000) {
        dog.moved(1);
        last = at;
      }
    });
    expect(stalls).toEqual([]);
    clock.advance(2_000);
    expect(stalls).toHaveLength(1);
    expect(stalls[0]!.message).toBe('data arrived at 0 B/s over the last 60 s, below the floor of 1.0 kB/s (speedFloorBytesPerSec); reconnecting');
  });

  it('leaves a slow connection above the floor alone for as long as it goes on', () => {
    const { clock, stalls, dog } = watch();
    dog.moved(1500);
    clock.advance(600_000, () => dog.moved(1500));
    expect(stalls).toEqual([]);
  });

  it('judges the last window, not the whole run: a fast start does not cover a trickle after it', () => {
    const { clock, stalls, dog } = watch({ stallTimeoutMs: 600_000 });
    dog.moved(100_000_000);
    clock.advance(10_000);
    clock.advance(70_000, () => dog.moved(10));
    expect(stalls).toHaveLength(1);
    expect(stalls[0]!.message).toMatch(/^data arrived at \d+ B\/s over the last 6\d s, below the floor/);
  });

  it('counts neither rule while held, and starts a fresh window after release', () => {
    const { clock, stalls, dog } = watch();
    dog.moved(10);
    dog.hold();
    clock.advance(300_000);
    expect(stalls).toEqual([]);
    dog.release();
    clock.advance(20_000, () => dog.moved(100_000));
    expect(stalls).toEqual([]);
  });

  it('once every byte is out, waits on silence only, not on the floor', () => {
    const { clock, stalls, dog } = watch({ stallTimeoutMs: 120_000 }, 'upload');
    dog.moved(5000);
    dog.awaitingAnswer();
    clock.advance(110_000);
    expect(stalls).toEqual([]);
    clock.advance(11_000);
    expect(stalls.map((e) => e.message)).toEqual(['the server took no data for 120 s']);
  });

  it('has no floor at 0', () => {
    const { clock, stalls, dog } = watch({ speedFloorBytesPerSec: 0 });
    clock.advance(600_000, () => dog.moved(1));
    expect(stalls).toEqual([]);
  });

  it('stops for good', () => {
    const { clock, stalls, dog } = watch();
    dog.stop();
    clock.advance(600_000);
    expect(stalls).toEqual([]);
  });
});
