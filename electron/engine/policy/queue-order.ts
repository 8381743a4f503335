// The queue's explicit order: transfers waiting to start go by priority, then by their place
// (`queueOrder`: at the end when added, then wherever the user moves them). A move works on that
// order; one that takes a transfer past another of a different priority gives it that priority,
// so the order shown and the order started stay the same.
import type { Priority, QueueTarget } from '../../../shared/model.ts';

export interface Placed {
  id: string;
  priority: Priority;
  queueOrder: number;
}

/** Higher first. */
export const priorityRank = (priority: Priority): number => (priority === 'high' ? 1 : 0);

/** The order in which the scheduler starts them: priority, then place. */
export function compareQueued(a: Placed, b: Placed): number {
  return priorityRank(b.priority) - priorityRank(a.priority) || a.queueOrder - b.queueOrder;
}

export interface NewPlace {
  priority: Priority;
  queueOrder: number;
}

/**
 * Where the moved transfers (`moving`, in the queue `queue`) go: their new places and priorities,
 * and the neighbours whose places they took. Several moved together keep their order among
 * themselves. `ends` are the places beyond every transfer's, queued or not (one that runs now and
 * rejoins the queue after a restart stays ahead of what was moved to the top): `first` the lowest
 * place of all, `next()` a new place past the last.
 */
export function moveInQueue(queue: readonly Placed[], moving: ReadonlySet<string>, move: QueueTarget, ends: { first: number; next: () => number }): Map<string, NewPlace> {
  const order = [...queue].sort(compareQueued);
  const changes = new Map<string, NewPlace>();
  const place = (item: Placed): NewPlace => changes.get(item.id) ?? { priority: item.priority, queueOrder: item.queueOrder };
  const moved = order.filter((item) => moving.has(item.id));
  if (moved.length === 0 || moved.length === order.length) return changes;
  if (typeof move === 'object') return placedNextTo(order, moved, move);
  if (move === 'top' || move === 'bottom') {
    const others = order.filter((item) => !moving.has(item.id));
    // The top takes the first one's priority (high if any is), the bottom the last one's.
    const edge = move === 'top' ? others[0]! : others.at(-1)!;
    moved.forEach((item, index) => {
      const priority = move === 'top' ? higher(item.priority, edge.priority) : lower(item.priority, edge.priority);
      changes.set(item.id, { priority, queueOrder: move === 'top' ? ends.first - moved.length + index : ends.next() });
    });
    return changes;
  }
  // Up or down: each moved one changes places with the neighbour it passes (the last moved one
  // first going down), unless that neighbour moves too or it is already at the end.
  const step = move === 'up' ? -1 : 1;
  const indexes = order.map((_, index) => index).filter((index) => moving.has(order[index]!.id));
  if (move === 'down') indexes.reverse();
  for (const index of indexes) {
    const neighbour = order[index + step];
    if (!neighbour || moving.has(neighbour.id)) continue;
    const item = order[index]!;
    const mine = place(item);
    const theirs = place(neighbour);
    const priority = move === 'up' ? higher(mine.priority, theirs.priority) : lower(mine.priority, theirs.priority);
    changes.set(item.id, { priority, queueOrder: theirs.queueOrder });
    changes.set(neighbour.id, { priority: theirs.priority, queueOrder: mine.queueOrder });
    order[index + step] = item;
    // A run of moved ones moves as a block: the next one then passes the same neighbour.
    order[index] = neighbour;
  }
  return changes;
}

/**
 * The moved ones right before or after `target` (queued, not moved), taking its priority: the
 * queue's places are dealt out again in the new order, so nothing else moves past anything.
 */
function placedNextTo(order: Placed[], moved: Placed[], target: { before: string } | { after: string }): Map<string, NewPlace> {
  const targetId = 'before' in target ? target.before : target.after;
  const others = order.filter((item) => !moved.includes(item));
  const at = others.findIndex((item) => item.id === targetId);
  const anchor = others[at]!;
  const next = [...others.slice(0, 'before' in target ? at : at + 1), ...moved, ...others.slice('before' in target ? at : at + 1)];
  const places = order.map((item) => item.queueOrder).sort((a, b) => a - b);
  const changes = new Map<string, NewPlace>();
  next.forEach((item, index) => {
    const priority = moved.includes(item) ? anchor.priority : item.priority;
    if (item.queueOrder !== places[index] || item.priority !== priority) changes.set(item.id, { priority, queueOrder: places[index]! });
  });
  return changes;
}

const higher = (a: Priority, b: Priority): Priority => (priorityRank(a) >= priorityRank(b) ? a : b);
const lower = (a: Priority, b: Priority): Priority => (priorityRank(a) <= priorityRank(b) ? a : b);
