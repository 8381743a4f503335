// Which addresses of a segmented run are much slower than another usable one, and so lose their
// work to it (download/segmented-run.ts stops their connections; their parts go to the faster).
// The rule: over a window of at least SLOW_WINDOW_MS, an address whose speed per connection is
// under SLOW_SHARE of the best address's, while its connections still hold at least SLOW_MIN_LEFT
// bytes to fetch. Per connection, so that an address with fewer connections is not judged slow for
// that alone; a window is long enough that a moment's stall (a TCP retransmission, a server's
// burst at the start) does not decide it. Pure: the run measures, this judges.

export const SLOW_WINDOW_MS = 10_000;
export const SLOW_SHARE = 0.25;
/** Less than this left is not worth another request: a fast connection's first round trip costs more. */
export const SLOW_MIN_LEFT = 256 * 1024;
/** An address measured over less connection time than this says nothing yet. */
const MIN_LANE_MS = 2_000;

export interface SourceWindow {
  /** Bytes its connections received in the window. */
  bytes: number;
  /** The sum over its streaming connections of the time each streamed in the window. */
  laneMs: number;
  /** Bytes its live connections still have to fetch. */
  left: number;
}

/** Bytes per second per connection, or null when measured too briefly. */
function perConnection(window: SourceWindow): number | null {
  return window.laneMs >= MIN_LANE_MS ? (window.bytes * 1000) / window.laneMs : null;
}

/** True when `speed` is much slower than `than` (both bytes per second, per connection). */
export function muchSlower(speed: number, than: number): boolean {
  return than > 0 && speed < than * SLOW_SHARE;
}

/** For each address, true when it is much slower than the best measured one (see above). */
export function slowSources(windows: readonly SourceWindow[]): boolean[] {
  const speeds = windows.map(perConnection);
  const best = Math.max(0, ...speeds.map((s) => s ?? 0));
  return windows.map((w, i) => {
    const speed = speeds[i];
    return speed !== null && speed !== undefined && muchSlower(speed, best) && w.left >= SLOW_MIN_LEFT;
  });
}
