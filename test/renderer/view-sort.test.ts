// The list's order: newest first by when each was added, a batch (a pasted list, `ferry add -i`)
// in its own order too, though all of it shares one creation time; and each column's sort.
import { expect, it } from 'vitest';
import { DEFAULT_SORT, connectionsOf, visibleIds, type SortColumn } from '../../renderer/src/state/view.ts';
import { snapshotOf } from '../helpers/snapshot.ts';
import { TransferIndex } from '../../renderer/src/state/transfer-index.ts';
import { totalsByKind } from '../../renderer/src/state/filters.ts';

const sameTime = '2026-12-01T18:00:00.000Z';

it('puts the newest first and the oldest first as asked, a batch by its order', () => {
  const transfers = TransferIndex.of(
    [
      { id: 'c-id', seq: 3, createdAt: sameTime },
      { id: 'a-id', seq: 1, createdAt: sameTime },
      { id: 'b-id', seq: 2, createdAt: sameTime },
    ].map((patch) => snapshotOf(patch)),
  );
  expect(visibleIds(transfers, 'all', '', DEFAULT_SORT)).toEqual(['c-id', 'b-id', 'a-id']);
  expect(visibleIds(transfers, 'all', '', { column: 'added', descending: false })).toEqual(['a-id', 'b-id', 'c-id']);
});

it('sorts by each column, both ways; ties keep the order they were added', () => {
  const transfers = TransferIndex.of(
    [
      { id: 'a', seq: 1, url: 'https://b.example/file-10.iso', path: '/z/file-10.iso', totalBytes: 300, bytesTransferred: 30, speed: 5, eta: 60, state: 'running' as const, priority: 'high' as const },
      { id: 'b', seq: 2, url: 'https://a.example/file-9.iso', path: '/y/file-9.iso', totalBytes: null, bytesTransferred: 0, speed: 0, eta: null, state: 'queued' as const },
      { id: 'c', seq: 3, url: 'https://c.example/File-2.iso', path: '/x/File-2.iso', totalBytes: 100, bytesTransferred: 100, speed: 0, eta: null, state: 'completed' as const, completedAt: sameTime },
    ].map((patch) => snapshotOf(patch)),
  );
  const ascending = (column: SortColumn) => visibleIds(transfers, 'all', '', { column, descending: false });
  const descending = (column: SortColumn) => visibleIds(transfers, 'all', '', { column, descending: true });
  // Names as people count: 2 < 9 < 10, whatever the case.
  expect(ascending('name')).toEqual(['c', 'b', 'a']);
  expect(descending('name')).toEqual(['a', 'b', 'c']);
  // Unknown sizes count as smallest.
  expect(descending('size')).toEqual(['a', 'c', 'b']);
  expect(descending('progress')).toEqual(['c', 'a', 'b']);
  expect(descending('speed')[0]).toBe('a');
  // No time left known: last when the soonest come first.
  expect(ascending('eta')[0]).toBe('a');
  expect(ascending('status')).toEqual(['b', 'a', 'c']);
  expect(ascending('address')).toEqual(['b', 'a', 'c']);
  expect(ascending('folder')).toEqual(['c', 'b', 'a']);
  expect(descending('priority')[0]).toBe('a');
  expect(descending('finished')[0]).toBe('c');
});

it('shows downloads and uploads apart when asked, and counts each kind and the uploads\' speed', () => {
  const transfers = TransferIndex.of(
    [
      { id: 'd', seq: 1, kind: 'download' as const, speed: 100 },
      { id: 'u', seq: 2, kind: 'upload' as const, speed: 30, state: 'failed' as const },
    ].map((patch) => snapshotOf(patch)),
  );
  expect(visibleIds(transfers, 'all', '', DEFAULT_SORT, 'upload')).toEqual(['u']);
  expect(visibleIds(transfers, 'all', '', DEFAULT_SORT, 'download')).toEqual(['d']);
  expect(visibleIds(transfers, 'failed', '', DEFAULT_SORT, 'download')).toEqual([]);
  const byKind = totalsByKind(transfers);
  expect([byKind.all.count, byKind.download.count, byKind.upload.count, byKind.upload.failed]).toEqual([2, 1, 1, 1]);
  expect([byKind.all.speed, byKind.all.uploadSpeed]).toEqual([130, 30]);
  // Worked out once per version of the map.
  expect(totalsByKind(transfers)).toBe(byKind);
});

it('sorts by Status with the queued ones in the order they will start (priority, then place), so that view shows the queue', () => {
  const transfers = TransferIndex.of(
    [
      { id: 'q-late', seq: 1, state: 'queued' as const, queueOrder: 9 },
      { id: 'q-high', seq: 2, state: 'queued' as const, queueOrder: 12, priority: 'high' as const },
      { id: 'run', seq: 3, state: 'running' as const, queueOrder: 1 },
      { id: 'q-early', seq: 4, state: 'queued' as const, queueOrder: 5 },
    ].map((patch) => snapshotOf(patch)),
  );
  const queued = (descending: boolean) => visibleIds(transfers, 'all', '', { column: 'status', descending }).filter((id) => id.startsWith('q-'));
  expect(queued(false)).toEqual(['q-high', 'q-early', 'q-late']);
  expect(queued(true)).toEqual(['q-late', 'q-early', 'q-high']);
});

it('sorts by Connections: what a running download reads over now (one without parts: 1), nothing for the rest', () => {
  const parts = (connections: number) => ({ connections, done: [], serverLimit: null, sources: [] });
  const transfers = TransferIndex.of(
    [
      { id: 'one', seq: 1, state: 'running' as const },
      { id: 'many', seq: 2, state: 'running' as const, segments: parts(6) },
      { id: 'still', seq: 3, state: 'paused' as const, segments: parts(4) },
    ].map((patch) => snapshotOf(patch)),
  );
  expect(visibleIds(transfers, 'all', '', { column: 'connections', descending: true })).toEqual(['many', 'one', 'still']);
  expect(connectionsOf(transfers.get('still')!)).toBeNull();
  expect(connectionsOf(transfers.get('one')!)).toBe(1);
});
