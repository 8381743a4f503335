// Picks which waiting transfers start now: priority, then place in the queue (queue-order.ts);
// serialized groups one at a time.
import { FINAL_STATES, type GroupBehavior, type Priority, type TransferState } from '../../../shared/model.ts';
import { compareQueued } from './queue-order.ts';

export interface Schedulable {
  id: string;
  state: TransferState;
  isRunning: boolean;
  priority: Priority;
  queueOrder: number;
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
    .sort(compareQueued);
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

/** The earliest time a retrying transfer becomes ready, to wake the scheduler then. */
export function nextRetryAt(items: readonly Schedulable[]): number | null {
  let next: number | null = null;
  for (const item of items) {
    if (item.state === 'retrying' && item.retryAt !== null && (next === null || item.retryAt < next)) next = item.retryAt;
  }
  return next;
}

interface Finishable {
  state: TransferState;
  history: ReadonlyArray<{ at: string }>;
  createdAt: string;
}

/** Up to this many to remove, picking them in the one pass beats sorting the list. */
const FEW = 4;

/** When a transfer finished: its last state change (ISO times sort as text). */
const finishedAt = (record: Finishable): string => record.history.at(-1)?.at ?? record.createdAt;

/**
 * The finished transfers beyond `keep`, those that finished longest ago first; never `exempt` (one
 * that just finished, which a host may still be reporting). One pass over the list, and a sort of
 * the finished ones only when more than a few must go: at start with 100,000 records this was once
 * a sort per record, and one transfer finishing at the limit sorted the whole list.
 */
export function finishedBeyond<T>(items: Iterable<T>, keep: number, recordOf: (item: T) => Finishable, exempt?: T): T[] {
  const finished: Array<{ item: T; at: string }> = [];
  for (const item of items) {
    const record = recordOf(item);
    if (FINAL_STATES.includes(record.state)) finished.push({ item, at: finishedAt(record) });
  }
  const excess = finished.length - keep;
  if (excess <= 0) return [];
  let oldest: typeof finished;
  if (excess <= FEW) {
    // The `excess` oldest, kept in order while passing over the list once.
    oldest = [];
    for (const entry of finished) {
      if (oldest.length === excess && entry.at >= oldest[excess - 1]!.at) continue;
      const at = oldest.findIndex((kept) => entry.at < kept.at);
      oldest.splice(at < 0 ? oldest.length : at, 0, entry);
      if (oldest.length > excess) oldest.pop();
    }
  } else {
    oldest = finished.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).slice(0, excess);
  }
  return oldest.map((entry) => entry.item).filter((item) => item !== exempt);
}
