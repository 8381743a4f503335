// The table's layout as remembered: whatever is stored (old, broken, hand-edited) reads back as a
// usable layout; Name is always shown; columns keep their order when shown again.
import { expect, it } from 'vitest';
import { DEFAULT_COLUMNS, DEFAULT_WIDTHS, MAX_WIDTH, MIN_WIDTH, gridTemplate, loadLayout, parseLayout, saveLayout, toggleColumn } from '../../renderer/src/state/columns.ts';
import { DEFAULT_SORT } from '../../renderer/src/state/view.ts';
import { doubleClickAction } from '../../renderer/src/state/double-click.ts';
import { snapshotOf } from '../helpers/snapshot.ts';

it('reads back what it saved', () => {
  const stored = new Map<string, string>();
  const storage = { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value) };
  const layout = { columns: ['name' as const, 'folder' as const], widths: { ...DEFAULT_WIDTHS, name: 333 }, sort: { column: 'size' as const, descending: true }, kept: 'folder' as const };
  saveLayout(storage, layout);
  expect(loadLayout(storage)).toEqual(layout);
});

it('falls back piece by piece on anything it does not know', () => {
  expect(parseLayout(null)).toEqual({ columns: [...DEFAULT_COLUMNS], widths: DEFAULT_WIDTHS, sort: DEFAULT_SORT, kept: null });
  expect(parseLayout('not json')).toEqual(parseLayout(null));
  expect(parseLayout('42')).toEqual(parseLayout(null));
  const odd = parseLayout(JSON.stringify({ columns: ['size', 'nope', 'size'], widths: { size: 5, name: 99999, nope: 100, eta: 'wide' }, sort: { column: 'colour', descending: true }, kept: 'folder' }));
  // Name comes back first; unknown and repeated columns go.
  expect(odd.columns).toEqual(['name', 'size']);
  expect(odd.widths.size).toBe(MIN_WIDTH);
  expect(odd.widths.name).toBe(MAX_WIDTH);
  expect(odd.widths.eta).toBe(DEFAULT_WIDTHS.eta);
  expect(odd.sort).toEqual(DEFAULT_SORT);
  // The column resized last counts only while it is shown.
  expect(odd.kept).toBeNull();
  // Storage that refuses (privacy settings) is no reason to fail.
  expect(loadLayout({ getItem: () => { throw new Error('denied'); } }).columns).toEqual([...DEFAULT_COLUMNS]);
  expect(() => saveLayout({ setItem: () => { throw new Error('full'); } }, parseLayout(null))).not.toThrow();
});

it('shows a column again in its place, and never hides Name', () => {
  expect(toggleColumn(['name', 'size', 'status'], 'progress')).toEqual(['name', 'size', 'progress', 'status']);
  expect(toggleColumn(['name', 'size', 'status'], 'size')).toEqual(['name', 'status']);
  expect(toggleColumn(['name', 'size'], 'name')).toEqual(['name', 'size']);
});

it('lets the name and the status share a wide window; the rest keep their widths', () => {
  expect(gridTemplate(['name', 'size', 'status'], DEFAULT_WIDTHS, 100)).toBe(`minmax(${DEFAULT_WIDTHS.name}px, 1fr) ${DEFAULT_WIDTHS.size}px minmax(${DEFAULT_WIDTHS.status}px, 1fr) 100px`);
});

it('a double-click opens a finished download where the host opens files, and shows the details otherwise', () => {
  const done = snapshotOf({ state: 'completed' });
  expect(doubleClickAction(done, true)).toBe('open');
  // The browser: no application to open it in.
  expect(doubleClickAction(done, false)).toBe('details');
  expect(doubleClickAction(snapshotOf({ state: 'running' }), true)).toBe('details');
  expect(doubleClickAction(snapshotOf({ state: 'completed', kind: 'upload' }), true)).toBe('details');
});
