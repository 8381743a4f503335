// Which bytes a connection fetches next: a part nobody owns, or the far end of the one that would
// finish last (work stealing). Pure: the segmented run (download/segmented-run.ts) applies it.
import { RangeSet, type ByteRange } from '../storage/range-set.ts';

/**
 * Every split point is a multiple of this: a connection writing with direct I/O rewrites the 4 KiB
 * block before its first byte (see storage/placed-writes.ts), so two connections must never share one.
 */
export const SPLIT_ALIGN = 64 * 1024;
/**
 * A freed connection helps another only if that one would otherwise need longer than this (or
 * than HELP_MIN_ANSWERS of the slowest answer's wait, when longer)...
 */
export const HELP_MIN_SECONDS = 0.25;
export const HELP_MIN_ANSWERS = 4;
/** ...and leaves each of the two at least this much (the smallest piece, as aria2's -k1M's halves). */
export const HELP_MIN_PIECE = 512 * 1024;
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
 * How long a connection must still need before a freed one helps it: helping costs the helper one
 * answer's wait, and saves half of what is left when both run at one speed. On a near server that
 * is a fraction of a second; aria2's slow tail (one connection finishing alone, the others idle)
 * is what a longer wait would bring back.
 */
export function helpMinSeconds(answerWaitMs: number | null): number {
  return Math.max(HELP_MIN_SECONDS, (HELP_MIN_ANSWERS * (answerWaitMs ?? 0)) / 1000);
}

/**
 * The next work for a connection: `helper` is its own speed (and the slowest answer's wait so far)
 * when it just finished a part (then it helps only a connection that would take more than
 * helpMinSeconds), null for a new connection (then it takes half of the longest remainder).
 */
export function nextWork(durable: RangeSet, lanes: readonly LaneView[], total: number, helper: { speed: number; answerWaitMs: number | null } | null): Work | null {
  const free = unowned(durable, lanes, total);
  if (free.length > 0) {
    const [start, end] = free.reduce((best, hole) => (hole[1] - hole[0] > best[1] - best[0] ? hole : best));
    return { start, end, victim: null };
  }
  return helper === null ? splitLongest(lanes) : helpSlowest(lanes, helper.speed, helpMinSeconds(helper.answerWaitMs));
}

function splitLongest(lanes: readonly LaneView[]): Work | null {
  let victim: LaneView | null = null;
  for (const lane of lanes) if (!lane.busy && (!victim || lane.end - lane.received > victim.end - victim.received)) victim = lane;
  if (!victim || victim.end - victim.received < 2 * NEW_CONNECTION_MIN_BYTES) return null;
  return splitAt(victim, victim.received + (victim.end - victim.received) / 2);
}

function helpSlowest(lanes: readonly LaneView[], helperSpeed: number, minSeconds: number): Work | null {
  let victim: LaneView | null = null;
  let worst = 0;
  for (const lane of lanes) {
    const left = lane.end - lane.received;
    if (left < 2 * HELP_MIN_PIECE || lane.busy) continue;
    const eta = lane.speed > 0 ? left / lane.speed : Number.POSITIVE_INFINITY;
    if (eta > worst) {
      worst = eta;
      victim = lane;
    }
  }
  if (!victim || worst <= minSeconds) return null;
  // In proportion to speed, so that both finish together; equal halves while a speed is unknown.
  // Neither keeps less than the smallest piece.
  const left = victim.end - victim.received;
  const share = victim.speed > 0 && helperSpeed > 0 ? victim.speed / (victim.speed + helperSpeed) : 0.5;
  const kept = Math.min(left - HELP_MIN_PIECE, Math.max(HELP_MIN_PIECE, left * share));
  return splitAt(victim, victim.received + kept);
}

function splitAt(victim: LaneView, at: number): Work | null {
  const start = alignUp(Math.max(at, victim.received));
  return start < victim.end ? { start, end: victim.end, victim } : null;
}
