// Where a drop on a row lands in the queue: only in a list that shows the queue's order (sorted by
// Status), and there exactly where the line is drawn; in any other order none (the drag is refused).
import { expect, it } from 'vitest';
import { queueSide } from '../../renderer/src/components/use-queue-drag.ts';

it('reads above and below a row as before and after it in the queue when sorted by Status, the other way round descending', () => {
  expect(queueSide({ column: 'status', descending: false }, 'before')).toBe('before');
  expect(queueSide({ column: 'status', descending: false }, 'after')).toBe('after');
  expect(queueSide({ column: 'status', descending: true }, 'before')).toBe('after');
  expect(queueSide({ column: 'status', descending: true }, 'after')).toBe('before');
});

it('has no side in any other order: the date added, the name, the priority say nothing of the queue', () => {
  for (const column of ['added', 'name', 'priority', 'size'] as const) {
    for (const descending of [false, true]) expect(queueSide({ column, descending }, 'before')).toBeNull();
  }
});
