// Where readers of a running download wait (reading while downloading, operation/transfer-read-stream.ts):
// the segmented run asks the plan to start a connection at such an offset when none is fetching
// near it, so a player seeking ahead does not wait for the download to get there in order.
import { SPLIT_ALIGN, NEW_CONNECTION_MIN_BYTES, type LaneView, type Work } from './plan.ts';
import type { RangeSet } from '../storage/range-set.ts';

/** The offsets readers wait at now, and who wants to hear when one is added. */
export class WantedOffsets {
  private readonly waiting = new Map<number, number>();
  private listener: (() => void) | null = null;

  /** A reader waits at `offset` until the returned function is called. */
  want(offset: number): () => void {
    this.waiting.set(offset, (this.waiting.get(offset) ?? 0) + 1);
    this.listener?.();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (this.waiting.get(offset) ?? 1) - 1;
      if (left > 0) this.waiting.set(offset, left);
      else this.waiting.delete(offset);
    };
  }

  /** One listener: the run of the download while it runs (null to stop). */
  onWanted(listener: (() => void) | null): void {
    this.listener = listener;
  }

  /** Oldest first. */
  offsets(): number[] {
    return [...this.waiting.keys()];
  }
}

/** Soon enough for a reader: a new connection is started for one waiting farther ahead. */
const SOON_SECONDS = 3;

/**
 * A connection reaches `offset` soon when it owns it and has less than a new connection would be
 * worth (1 MiB, or its next SOON_SECONDS) still to fetch before it.
 */
function reachedSoon(offset: number, lanes: readonly LaneView[]): boolean {
  return lanes.some((lane) => lane.start <= offset && offset < lane.end && offset - lane.received < Math.max(NEW_CONNECTION_MIN_BYTES, lane.speed * SOON_SECONDS));
}

/**
 * Work that starts where a reader waits and no connection will be soon: the hole it is in from
 * there, or the part of the connection that owns it from there (split at a SPLIT_ALIGN multiple).
 * Null when every wanted offset is on disk or about to be.
 */
export function wantedWork(wanted: readonly number[], durable: RangeSet, lanes: readonly LaneView[], total: number): Work | null {
  for (const offset of wanted) {
    if (offset >= total || durable.covers(offset, offset + 1) || reachedSoon(offset, lanes)) continue;
    const at = Math.floor(offset / SPLIT_ALIGN) * SPLIT_ALIGN;
    const owner = lanes.find((lane) => lane.start <= offset && offset < lane.end);
    if (owner) {
      const start = Math.max(at, owner.start);
      if (!owner.busy && start > owner.received) return { start, end: owner.end, victim: owner };
      continue;
    }
    const hole = durable.holes(total).find(([s, e]) => s <= offset && offset < e);
    if (!hole) continue;
    // Between the connections on either side of it, if they are inside this hole.
    const start = lanes.reduce((from, lane) => (lane.end <= offset && lane.end > from ? lane.end : from), Math.max(at, hole[0]));
    const end = lanes.reduce((limit, lane) => (lane.start > offset && lane.start < limit ? lane.start : limit), hole[1]);
    return { start, end, victim: null };
  }
  return null;
}
