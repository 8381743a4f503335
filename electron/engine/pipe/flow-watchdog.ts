// The one watchdog every connection's bytes pass under (download bodies, upload bodies, tus): a
// connection that moves no byte for stallTimeoutMs is stalled, and so is one that moves bytes
// slower than the speed floor for a whole window (curl's --speed-limit/--speed-time, aria2's
// --lowest-speed-limit): a server trickling a byte every 20 s would otherwise hold a slot for ever.
// Either way the caller is told once, with words that say which, and reconnects.
import type { Settings } from '../../../shared/model.ts';
import { formatBytes } from '../../../shared/format-bytes.ts';
import { TransferError } from '../errors/transfer-error.ts';

/** What a connection must keep up; taken from the settings when the attempt starts. */
export interface FlowLimits {
  stallTimeoutMs: number;
  /** 0: no floor. */
  speedFloorBytesPerSec: number;
  speedFloorWindowMs: number;
}

export function flowLimits(settings: Settings): FlowLimits {
  return {
    stallTimeoutMs: settings.stallTimeoutMs,
    speedFloorBytesPerSec: settings.speedFloorBytesPerSec,
    speedFloorWindowMs: settings.speedFloorWindowMs,
  };
}

/** Who moves the bytes, in the words of the message: "no data arrived" or "the server took no data". */
export type FlowDirection = 'download' | 'upload';

/** The watchdog's clock; tests drive it by hand. */
export interface FlowClock {
  now(): number;
  every(ms: number, tick: () => void): () => void;
}

const realClock: FlowClock = {
  now: Date.now,
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

export class FlowWatchdog {
  private readonly limits: FlowLimits;
  private readonly direction: FlowDirection;
  private readonly onStall: (error: TransferError) => void;
  private readonly clock: FlowClock;
  private readonly stopTicks: () => void;
  private lastActivity: number;
  private total = 0;
  /** The floor's samples of `total`, oldest first; empty until the first byte after a start or release. */
  private samples: Array<{ at: number; total: number }> = [];
  private held = false;
  private floorOff = false;
  private done = false;

  constructor(limits: FlowLimits, direction: FlowDirection, onStall: (error: TransferError) => void, clock: FlowClock = realClock) {
    this.limits = limits;
    this.direction = direction;
    this.onStall = onStall;
    this.clock = clock;
    this.lastActivity = clock.now();
    this.stopTicks = clock.every(Math.min(1000, Math.max(50, limits.stallTimeoutMs / 4)), () => this.check());
  }

  /** Bytes went through the connection. */
  moved(bytes: number): void {
    const now = this.clock.now();
    this.lastActivity = now;
    this.total += bytes;
    if (this.samples.length === 0 && !this.held && !this.floorOff) this.samples.push({ at: now, total: this.total - bytes });
  }

  /** Something happened that is not a byte but shows the connection alive (the disk took a write). */
  touch(): void {
    this.lastActivity = this.clock.now();
  }

  /**
   * The connection waits for Ferry, not for the other side (an upload's body is out and the answer
   * has its own clock; a speed limit holds the bytes back): neither rule counts until release().
   */
  hold(): void {
    this.held = true;
    this.samples = [];
  }

  /** Every byte is out and the answer is awaited: the floor no longer counts, silence still does. */
  awaitingAnswer(): void {
    this.floorOff = true;
    this.samples = [];
  }

  release(): void {
    this.held = false;
    this.lastActivity = this.clock.now();
  }

  stop(): void {
    this.done = true;
    this.stopTicks();
  }

  private check(): void {
    if (this.done || this.held) return;
    const now = this.clock.now();
    if (now - this.lastActivity >= this.limits.stallTimeoutMs) {
      const what = this.direction === 'download' ? 'no data arrived' : 'the server took no data';
      return this.trip(`${what} for ${seconds(this.limits.stallTimeoutMs)}`);
    }
    const floor = this.limits.speedFloorBytesPerSec;
    const windowMs = this.limits.speedFloorWindowMs;
    if (floor <= 0 || this.samples.length === 0) return;
    // One sample per thirtieth of the window is plenty to say the average over it.
    const last = this.samples[this.samples.length - 1]!;
    if (now - last.at >= windowMs / 30) this.samples.push({ at: now, total: this.total });
    // The newest sample at least a window old anchors the average; older ones are no longer needed.
    while (this.samples.length > 1 && now - this.samples[1]!.at >= windowMs) this.samples.shift();
    const anchor = this.samples[0]!;
    const span = now - anchor.at;
    if (span < windowMs) return;
    const rate = ((this.total - anchor.total) * 1000) / span;
    if (rate >= floor) return;
    const how = this.direction === 'download' ? 'data arrived' : 'the server took data';
    this.trip(`${how} at ${formatBytes(rate)}/s over the last ${seconds(span)}, below the floor of ${formatBytes(floor)}/s (speedFloorBytesPerSec)`);
  }

  private trip(message: string): void {
    this.stop();
    // A download picks up where it stopped; what an upload does next is its step's to say.
    this.onStall(new TransferError('Timeout', this.direction === 'download' ? `${message}; reconnecting` : message));
  }
}
