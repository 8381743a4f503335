// The sidebar's groups: each group transfers were added to is counted by state, like a category,
// and choosing it shows its members only; a transfer in no group is in none of them.
import { expect, it } from 'vitest';
import { DEFAULT_SORT, visibleIds } from '../../renderer/src/state/view.ts';
import { groupKind, groupOfKind, totalsByKind } from '../../renderer/src/state/filters.ts';
import { snapshotOf } from '../helpers/snapshot.ts';
import { TransferIndex } from '../../renderer/src/state/transfer-index.ts';

const transfers = TransferIndex.of(
  [
    { id: 'n1', seq: 1, group: 'nightly', state: 'completed' as const },
    { id: 'n2', seq: 2, group: 'nightly', state: 'running' as const },
    { id: 'p1', seq: 3, group: 'photos', state: 'failed' as const },
    { id: 'x1', seq: 4, group: null, state: 'queued' as const },
  ].map((patch) => snapshotOf(patch)),
);

it('counts each group by state, in name order, and no group for a transfer without one', () => {
  const byKind = totalsByKind(transfers);
  const groups = Object.keys(byKind).filter((k) => k.startsWith('group:'));
  expect(groups).toEqual(['group:nightly', 'group:photos']);
  expect(byKind[groupKind('nightly')]).toMatchObject({ count: 2, completed: 1, active: 1, failed: 0 });
  expect(byKind[groupKind('photos')]).toMatchObject({ count: 1, failed: 1 });
  expect(byKind.all.count).toBe(4);
});

it("shows a chosen group's members only, with the state filter on top", () => {
  expect(visibleIds(transfers, 'all', '', DEFAULT_SORT, groupKind('nightly'))).toEqual(['n2', 'n1']);
  expect(visibleIds(transfers, 'active', '', DEFAULT_SORT, groupKind('nightly'))).toEqual(['n2']);
  expect(visibleIds(transfers, 'all', '', DEFAULT_SORT, groupKind('none-such'))).toEqual([]);
  expect(groupOfKind(groupKind('a:b'))).toBe('a:b');
  expect(groupOfKind('download')).toBeNull();
});
