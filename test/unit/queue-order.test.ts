// The queue's explicit order (policy/queue-order.ts): moves to the top, up, down and to the bottom,
// several at once keeping their own order, and priorities that follow a move past another one.
import { describe, expect, it } from 'vitest';
import { compareQueued, moveInQueue, type Placed } from '../../electron/engine/policy/queue-order.ts';
import type { QueueMove } from '../../shared/model.ts';

const queue = (...spec: string[]): Placed[] =>
  spec.map((name, index) => ({ id: name.replace('!', ''), priority: name.endsWith('!') ? 'high' : 'default', queueOrder: (index + 1) * 10 }));

/** The ids in the order they would start after the move, high ones marked with "!". */
function after(items: Placed[], ids: string[], move: QueueMove): string[] {
  let bottom = 1000;
  const changes = moveInQueue(items, new Set(ids), move, { first: 10, next: () => ++bottom });
  return items
    .map((item) => ({ ...item, ...changes.get(item.id) }))
    .sort(compareQueued)
    .map((item) => `${item.id}${item.priority === 'high' ? '!' : ''}`);
}

describe('moving in the queue', () => {
  it('moves one to the top, up, down and to the bottom', () => {
    const items = queue('a', 'b', 'c', 'd');
    expect(after(items, ['c'], 'top')).toEqual(['c', 'a', 'b', 'd']);
    expect(after(items, ['c'], 'up')).toEqual(['a', 'c', 'b', 'd']);
    expect(after(items, ['b'], 'down')).toEqual(['a', 'c', 'b', 'd']);
    expect(after(items, ['b'], 'bottom')).toEqual(['a', 'c', 'd', 'b']);
  });

  it('leaves one already at that end where it is, and changes nothing for it', () => {
    const items = queue('a', 'b', 'c');
    expect(moveInQueue(items, new Set(['a']), 'up', { first: 10, next: () => 99 }).size).toBe(0);
    expect(moveInQueue(items, new Set(['c']), 'down', { first: 10, next: () => 99 }).size).toBe(0);
    expect(after(items, ['a'], 'top')).toEqual(['a', 'b', 'c']);
  });

  it('moves several together, keeping their order among themselves', () => {
    const items = queue('a', 'b', 'c', 'd', 'e');
    expect(after(items, ['b', 'd'], 'top')).toEqual(['b', 'd', 'a', 'c', 'e']);
    expect(after(items, ['b', 'd'], 'bottom')).toEqual(['a', 'c', 'e', 'b', 'd']);
    expect(after(items, ['b', 'd'], 'up')).toEqual(['b', 'a', 'd', 'c', 'e']);
    expect(after(items, ['b', 'd'], 'down')).toEqual(['a', 'c', 'b', 'e', 'd']);
    // A block moves as one; one stuck at the top keeps the block's other member below it.
    expect(after(items, ['c', 'd'], 'up')).toEqual(['a', 'c', 'd', 'b', 'e']);
    expect(after(items, ['a', 'c'], 'up')).toEqual(['a', 'c', 'b', 'd', 'e']);
    expect(after(items, ['b', 'c'], 'down')).toEqual(['a', 'd', 'b', 'c', 'e']);
  });

  it('gives one moved past a transfer of another priority that priority: the order shown is the order started', () => {
    const items = queue('h1!', 'h2!', 'n1', 'n2');
    expect(after(items, ['n2'], 'top')).toEqual(['n2!', 'h1!', 'h2!', 'n1']);
    expect(after(items, ['n1'], 'up')).toEqual(['h1!', 'n1!', 'h2!', 'n2']);
    expect(after(items, ['h2'], 'down')).toEqual(['h1!', 'n1', 'h2', 'n2']);
    expect(after(items, ['h1'], 'bottom')).toEqual(['h2!', 'n1', 'n2', 'h1']);
    // Within its own priority nothing changes but the place.
    expect(after(items, ['h2'], 'up')).toEqual(['h2!', 'h1!', 'n1', 'n2']);
  });

  it('does nothing when all or none of the queue moves', () => {
    const items = queue('a', 'b');
    expect(moveInQueue(items, new Set(['a', 'b']), 'top', { first: 10, next: () => 99 }).size).toBe(0);
    expect(moveInQueue(items, new Set(['x']), 'bottom', { first: 10, next: () => 99 }).size).toBe(0);
  });
});
