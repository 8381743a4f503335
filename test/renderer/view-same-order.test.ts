// The list keeps its order without sorting again when a change moves no row (`sameOrderAfter`):
// checked against a full filter and sort after each of many made-up changes, and on the cases that
// must sort again (a new row, a row shown or hidden, a row whose sort key changed).
import { expect, it } from 'vitest';
import { SORT_COLUMNS, sameOrderAfter, visibleIds, type Sort } from '../../renderer/src/state/view.ts';
import { TransferIndex } from '../../renderer/src/state/transfer-index.ts';
import type { Filter } from '../../renderer/src/state/filters.ts';
import type { TransferSnapshot } from '../../shared/model.ts';
import { snapshotOf } from '../helpers/snapshot.ts';

const STATES = ['running', 'queued', 'paused', 'completed', 'failed'] as const;

function rows(count: number): TransferSnapshot[] {
  return Array.from({ length: count }, (_, i) =>
    snapshotOf({ id: `t${i}`, seq: i, url: `https://example.org/f-${i % 7}.iso`, path: `/d/f-${i % 7}.iso`, state: STATES[i % STATES.length], bytesTransferred: (i * 37) % 100, totalBytes: 100, speed: i % 3, queueOrder: i }),
  );
}

/** A small deterministic random source, so a failure shows the same case again. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

it('says "same order" only when a full filter and sort gives the same ids, for every column, filter and search', () => {
  const next = random(7);
  const filters: Filter[] = ['all', 'active', 'completed'];
  let checked = 0;
  let kept = 0;
  for (const column of SORT_COLUMNS) {
    for (const filter of filters) {
      for (const query of ['', 'f-3']) {
        const sort: Sort = { column, descending: next() < 0.5 };
        let index = TransferIndex.of(rows(40));
        for (let step = 0; step < 30; step++) {
          const picked = index.list().filter(() => next() < 0.1);
          const changed = picked.map((tr) => {
            const roll = next();
            // Mostly progress (what ten updates a second are), sometimes a new state or speed.
            if (roll < 0.7) return { ...tr, bytesTransferred: Math.min(100, tr.bytesTransferred + 1) };
            if (roll < 0.85) return { ...tr, speed: tr.speed + 1 };
            return { ...tr, state: STATES[Math.floor(next() * STATES.length)]! };
          });
          const after = index.with(changed);
          const same = sameOrderAfter(index, after, filter, query, sort);
          if (same) {
            expect(visibleIds(after, filter, query, sort)).toEqual(visibleIds(index, filter, query, sort));
            kept++;
          }
          checked++;
          index = after;
        }
      }
    }
  }
  // The shortcut is taken often enough to matter (a progress change under most sorts).
  expect(kept).toBeGreaterThan(checked / 4);
});

it('sorts again for a new row, a row shown or hidden by the filter, a moved sort key, and an index made another way', () => {
  const index = TransferIndex.of(rows(10));
  const sort: Sort = { column: 'added', descending: true };
  const running = index.get('t0')!;
  expect(sameOrderAfter(index, index.with([{ ...running, bytesTransferred: 99 }]), 'all', '', sort)).toBe(true);
  expect(sameOrderAfter(index, index.with([snapshotOf({ id: 'new', seq: 99 })]), 'all', '', sort)).toBe(false);
  expect(sameOrderAfter(index, index.with([{ ...running, state: 'completed' }]), 'active', '', sort)).toBe(false);
  // Hidden before and after: nothing shown changed.
  expect(sameOrderAfter(index, index.with([{ ...index.get('t3')!, bytesTransferred: 1 }]), 'active', '', sort)).toBe(true);
  expect(sameOrderAfter(index, index.with([{ ...running, bytesTransferred: 99 }]), 'all', '', { column: 'progress', descending: true })).toBe(false);
  expect(sameOrderAfter(index, index.without(['t1']), 'all', '', sort)).toBe(false);
  expect(sameOrderAfter(index, TransferIndex.of(index.list()), 'all', '', sort)).toBe(false);
  // Two steps away: the first step's changes are not known to the second, so it sorts again.
  const once = index.with([{ ...running, bytesTransferred: 1 }]);
  expect(sameOrderAfter(index, once.with([{ ...running, bytesTransferred: 2 }]), 'all', '', sort)).toBe(false);
});
