// The list's order: newest first by when each was added, a batch (a pasted list, `ferry add -i`)
// in its own order too, though all of it shares one creation time.
import { expect, it } from 'vitest';
import { visibleIds } from '../../renderer/src/state/view.ts';
import { snapshotOf } from '../helpers/snapshot.ts';

it('puts the newest first and the oldest first as asked, a batch by its order', () => {
  const sameTime = '2026-12-01T18:00:00.000Z';
  const transfers = Object.fromEntries(
    [
      { id: 'c-id', seq: 3, createdAt: sameTime },
      { id: 'a-id', seq: 1, createdAt: sameTime },
      { id: 'b-id', seq: 2, createdAt: sameTime },
    ].map((patch) => [patch.id, snapshotOf(patch)]),
  );
  expect(visibleIds(transfers, 'all', '', 'newest')).toEqual(['c-id', 'b-id', 'a-id']);
  expect(visibleIds(transfers, 'all', '', 'oldest')).toEqual(['a-id', 'b-id', 'c-id']);
});
