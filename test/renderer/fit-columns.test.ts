// How the columns share a row (issue 19): Name, the column people read, keeps at least 40% of the
// row or 220 px; the others are as wide as their content, give way first when the window narrows,
// then the less needed ones are hidden; never blank room beside a cut name; the user's width
// honoured where it fits.
import { expect, it } from 'vitest';
import { DEFAULT_COLUMNS, DEFAULT_WIDTHS, type Column } from '../../renderer/src/state/columns.ts';
import { NAME_FLOOR, fitColumns, sameFit } from '../../renderer/src/state/fit-columns.ts';

const columns = [...DEFAULT_COLUMNS];
const ACTIONS = 82;
// What the content of an English window needs (padding included): "Dec 7, 03:12 AM", "999.9 kB/s" ...
const needs: Partial<Record<Column, number>> = { name: 520, size: 74, speed: 84, eta: 70, status: 150, added: 118 };
const sum = (fit: { shown: Column[]; widths: Record<Column, number> }) => fit.shown.reduce((total, c) => total + fit.widths[c], 0);
const fit = (room: number, extra: Partial<Parameters<typeof fitColumns>[0]> = {}) => fitColumns({ columns, widths: DEFAULT_WIDTHS, room, actions: ACTIONS, needs, kept: null, ...extra });

it('with room for all, every column is shown at its width and Name takes the rest up to its need', () => {
  const wide = fit(1700);
  expect(wide.shown).toEqual(columns);
  expect(wide.widths.name).toBe(520);
  // No column wider than what it shows: the dates and the status give their blank room away.
  expect(wide.widths.added).toBe(118);
  expect(wide.widths.status).toBe(150);
  // Content wider than the column's width stays within it (the text then ends in an ellipsis).
  expect(fit(1700, { needs: { ...needs, status: 600 } }).widths.status).toBe(DEFAULT_WIDTHS.status);
});

it('at 1100 px wide (about 800 px for the columns), Name gets what the others do not show, not "movin…"', () => {
  const at1100 = fit(800);
  expect(at1100.shown).toEqual(columns);
  // Before: Name 98 px while Added kept 150 and Status 190.
  expect(at1100.widths.name).toBeGreaterThanOrEqual(NAME_FLOOR);
  expect(at1100.widths.added).toBe(needs.added);
  expect(sum(at1100)).toBeLessThanOrEqual(800);
  // While the name is cut, the row is full: no room left over for another column to keep blank.
  expect(sum(at1100)).toBe(800);
});

it('as the window narrows, the others give way first to a sensible minimum, then the less needed are hidden; Name keeps 40% or 220 px', () => {
  let previousName = Infinity;
  let previousShown = 0;
  for (let room = 1200; room >= 320; room -= 10) {
    const f = fit(room);
    const share = Math.min(0.4 * (room + ACTIONS), NAME_FLOOR);
    expect(f.widths.name, `Name at ${room} px`).toBeGreaterThanOrEqual(Math.floor(share));
    // Nothing scrolls sideways while hiding columns can still make room.
    if (f.shown.length > 3) expect(sum(f), `the row at ${room} px`).toBeLessThanOrEqual(room);
    // Progress and Status stay in sight; a hidden column was less needed than every shown one.
    expect(f.shown).toContain('progress');
    expect(f.shown).toContain('status');
    expect(f.widths.status).toBeGreaterThanOrEqual(92);
    expect(f.widths.progress).toBeGreaterThanOrEqual(92);
    // Name gets wider as the window narrows only where a column is hidden and leaves its room.
    if (f.shown.length === previousShown) expect(f.widths.name, `Name at ${room} px`).toBeLessThanOrEqual(previousName);
    previousName = f.widths.name;
    previousShown = f.shown.length;
  }
  // The order: Added goes first, then Time left, Size, Speed.
  const hiddenAt = (column: Column) => {
    for (let room = 1200; room >= 200; room -= 2) if (!fit(room).shown.includes(column)) return room;
    return 0;
  };
  expect(hiddenAt('added')).toBeGreaterThan(hiddenAt('eta'));
  expect(hiddenAt('eta')).toBeGreaterThan(hiddenAt('size'));
  expect(hiddenAt('size')).toBeGreaterThan(hiddenAt('speed'));
  // At 800 px (about 500 px): Name at 220 or more, the speed and the state beside it.
  const at800 = fit(500);
  expect(at800.widths.name).toBeGreaterThanOrEqual(NAME_FLOOR);
  expect(at800.shown).toEqual(['name', 'progress', 'speed', 'status']);
});

it('optional columns give way before the default ones, and are hidden first', () => {
  const chosen: Column[] = [...columns, 'address', 'priority'];
  const f = fitColumns({ columns: chosen, widths: DEFAULT_WIDTHS, room: 900, actions: ACTIONS, needs: { ...needs, address: 900, priority: 60 }, kept: null });
  expect(f.widths.address).toBe(120);
  expect(f.shown).not.toContain('priority');
  expect(f.shown).toContain('added');
});

it('a short name takes no more than it needs; a long one no less than its share', () => {
  // Its content's width (the row's room left over is shared with Status by the grid), not its default width.
  expect(fit(800, { needs: { ...needs, name: 150 } }).widths.name).toBe(150);
  expect(fit(500, { needs: { ...needs, name: 2000 } }).widths.name).toBeGreaterThanOrEqual(NAME_FLOOR);
});

it('honours the width the user gave a column where it fits, and takes it back only for Name\'s share', () => {
  const widths = { ...DEFAULT_WIDTHS, added: 260 };
  expect(fitColumns({ columns, widths, room: 1000, actions: ACTIONS, needs, kept: 'added' }).widths.added).toBe(260);
  const tight = fitColumns({ columns, widths, room: 700, actions: ACTIONS, needs, kept: 'added' });
  expect(tight.widths.name).toBeGreaterThanOrEqual(NAME_FLOOR);
  expect(tight.shown).toContain('added');
  // Name made narrow (or wide) by the user stays so.
  expect(fitColumns({ columns, widths: { ...DEFAULT_WIDTHS, name: 120 }, room: 800, actions: ACTIONS, needs, kept: 'name' }).widths.name).toBe(120);
  // Where it does not fit (the others already at their minimum), Name takes what is left.
  expect(fitColumns({ columns, widths: { ...DEFAULT_WIDTHS, name: 400 }, room: 800, actions: ACTIONS, needs, kept: 'name' }).widths.name).toBe(270);
  expect(fitColumns({ columns, widths: { ...DEFAULT_WIDTHS, name: 400 }, room: 1000, actions: ACTIONS, needs, kept: 'name' }).widths.name).toBe(400);
  // A column the user made narrower than its content stays as narrow.
  expect(fitColumns({ columns, widths: { ...DEFAULT_WIDTHS, added: 60 }, room: 800, actions: ACTIONS, needs, kept: null }).widths.added).toBe(60);
});

it('Status gives way to a cut name down to its widest state\'s word ("Downloading" whole), not below', () => {
  const f = fit(800, { minimums: { status: 104 } });
  expect(f.widths.status).toBe(104);
  expect(f.widths.name).toBe(fit(800).widths.name - 12);
});

it('tells a fit that draws the same from one that does not (the rows are not drawn again for the same)', () => {
  expect(sameFit(fit(800), fit(800))).toBe(true);
  expect(sameFit(fit(800), fit(700))).toBe(false);
});
