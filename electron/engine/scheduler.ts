// Picks which waiting transfers start now: priority, then age; serialized groups one at a time.
import { FINAL_STATES, type GroupBehavior, type Priority, type TransferState } from '../../shared/model.ts';

export interface Schedulable {
  id: string;
  state: TransferState;
  isRunning: boolean;
  priority: Priority;
  seq: number;
  group: string | null;
  retryAt: number | null;
}

export function pickToStart<T extends Schedulable>(
  items: readonly T[],
  maxConcurrent: number,
  groupBehavior: (group: string) => GroupBehavior,
  now: number,
): T[] {
  const running = items.filter((item) => item.isRunning);
  let free = maxConcurrent - running.length;
  if (free <= 0) return [];
  const busySerialGroups = new Set(
    running.filter((item) => item.group && groupBehavior(item.group) === 'serialized').map((item) => item.group),
  );
  const ready = items
    .filter((item) => !item.isRunning && (item.state === 'queued' || (item.state === 'retrying' && (item.retryAt ?? 0) <= now)))
    .sort((a, b) => rank(b.priority) - rank(a.priority) || a.seq - b.seq);
  const chosen: T[] = [];
  for (const item of ready) {
    if (free <= 0) break;
    if (item.group && groupBehavior(item.group) === 'serialized') {
      if (busySerialGroups.has(item.group)) continue;
      busySerialGroups.add(item.group);
    }
    chosen.push(item);
    free--;
  }
  return chosen;
}

function rank(priority: Priority): number {
  return priority === 'high' ? 1 : 0;
}

/** The earliest time a retrying transfer becomes ready, to wake the scheduler then. */
export function nextRetryAt(items: readonly Schedulable[]): number | null {
  let next: number | null = null;
  for (const item of items) {
    if (item.state === 'retrying' && item.retryAt !== null && (next === null || item.retryAt < next)) next = item.retryAt;
  }
  return next;
}

/**
 * The finished transfers beyond `keep`, those that finished longest ago first (by their last state
 * change); never `justFinished`, which a host may still be reporting.
 */
export function finishedBeyond<T extends { state: TransferState; record: { history: Array<{ at: string }>; createdAt: string } }>(
  items: Iterable<T>,
  keep: number,
  justFinished: T,
): T[] {
  const finishedAt = (item: T) => item.record.history.at(-1)?.at ?? item.record.createdAt;
  const unsorted = [...items].filter((item) => FINAL_STATES.includes(item.state));
  // Called whenever one finishes: sort only when some must go.
  if (unsorted.length <= keep) return [];
  const finished = unsorted.sort((a, b) => finishedAt(a).localeCompare(finishedAt(b)));
  return finished.slice(0, Math.max(0, finished.length - keep)).filter((item) => item !== justFinished);
}
