// Which bytes a connection fetches next: a part nobody owns, or the far end of the one that would
// finish last (work stealing). Pure: the segmented run (download/segmented-run.ts) applies it.
import { RangeSet, type ByteRange } from '../storage/range-set.ts';

/**
 * Every split point is a multiple of this: a connection writing with direct I/O rewrites the 4 KiB
 * block before its first byte (see storage/direct-io.ts), so two connections must never share one.
 */
export const SPLIT_ALIGN = 64 * 1024;
/** A freed connection helps another only if that one would otherwise need longer than this... */
export const STEAL_MIN_SECONDS = 3;
/** ...and has at least this much left. */
export const STEAL_MIN_BYTES = 512 * 1024;
/** A new connection is added only to a part at least twice this long. */
export const NEW_CONNECTION_MIN_BYTES = 1024 * 1024;

/** What the planner sees of a live connection. */
export interface LaneView {
  /** Where its bytes begin, and end (exclusive; lowered when another takes its far part). */
  start: number;
  end: number;
  /** Bytes up to here are handed to its writer. */
  received: number;
  /** Its own bytes per second; 0 while not known. */
  speed: number;
  /** Not to be split now: it waits for its answer, or another waits to take its far part. */
  busy?: boolean;
}

export interface Work {
  start: number;
  end: number;
  /** The connection whose end becomes `start`, if the work is taken from one. */
  victim: LaneView | null;
}

/** The parts of [0, total) that are neither durable nor owned by a live connection. */
export function unowned(durable: RangeSet, lanes: readonly LaneView[], total: number): ByteRange[] {
  const covered = new RangeSet(durable.toJSON());
  for (const lane of lanes) covered.add(lane.start, lane.end);
  return covered.holes(total);
}

/** Up to the next multiple of SPLIT_ALIGN. */
export function alignUp(at: number): number {
  return Math.ceil(at / SPLIT_ALIGN) * SPLIT_ALIGN;
}

/**
 * The next work for a connection: `helperSpeed` is its own speed when it just finished a part
 * (then it helps only a connection that would take more than STEAL_MIN_SECONDS), null for a new
 * connection (then it takes half of the longest remainder).
 */
export function nextWork(durable: RangeSet, lanes: readonly LaneView[], total: number, helperSpeed: number | null): Work | null {
  const free = unowned(durable, lanes, total);
  if (free.length > 0) {
    const [start, end] = free.reduce((best, hole) => (hole[1] - hole[0] > best[1] - best[0] ? hole : best));
    return { start, end, victim: null };
  }
  return helperSpeed === null ? splitLongest(lanes) : helpSlowest(lanes, helperSpeed);
}

function splitLongest(lanes: readonly LaneView[]): Work | null {
  let victim: LaneView | null = null;
  for (const lane of lanes) if (!lane.busy && (!victim || lane.end - lane.received > victim.end - victim.received)) victim = lane;
  if (!victim || victim.end - victim.received < 2 * NEW_CONNECTION_MIN_BYTES) return null;
  return splitAt(victim, victim.received + (victim.end - victim.received) / 2);
}

function helpSlowest(lanes: readonly LaneView[], helperSpeed: number): Work | null {
  let victim: LaneView | null = null;
  let worst = 0;
  for (const lane of lanes) {
    const left = lane.end - lane.received;
    if (left < STEAL_MIN_BYTES || lane.busy) continue;
    const eta = lane.speed > 0 ? left / lane.speed : Number.POSITIVE_INFINITY;
    if (eta > worst) {
      worst = eta;
      victim = lane;
    }
  }
  if (!victim || worst <= STEAL_MIN_SECONDS) return null;
  // In proportion to speed, so that both finish together; equal halves while a speed is unknown.
  const share = victim.speed > 0 && helperSpeed > 0 ? victim.speed / (victim.speed + helperSpeed) : 0.5;
  return splitAt(victim, victim.received + (victim.end - victim.received) * share);
}

function splitAt(victim: LaneView, at: number): Work | null {
  const start = alignUp(Math.max(at, victim.received));
  return start < victim.end ? { start, end: victim.end, victim } : null;
}
