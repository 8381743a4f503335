// Name, the column people read, at narrow widths (issue 19): at 1100, 1000 and 800 px wide with
// long names, no column keeps blank room while a name is cut, Name keeps at least 40% of the row
// or 220 px, and the columns that give way are whole or hidden. Against a real daemon whose
// downloads trickle (none ends during the test). Screenshots light and dark at each width.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-narrow');
const SLOW = { timeout: 20_000 };
let page: Page;

const LONG = [
  'moving-pictures-of-the-holiday-in-the-mountains-2026-part-one.mkv',
  'quarterly-financial-statements-and-notes-for-the-board.pdf',
  'debian-live-13.2.0-amd64-kde-with-nonfree-firmware.iso',
  'a-very-long-podcast-episode-about-download-managers.mp3',
];
const SHORT = ['notes.txt', 'photo.jpg'];
const grid = () => page.getByRole('grid', { name: 'Transfers' });

/**
 * The drawn rows as the eye sees them: whether any name is cut, Name's width, and for each other
 * column (the buttons' too) its blank room: its width less the widest content among its cells and
 * its header's word (with its sort arrow). Progress is left out: its bar takes what it gets.
 */
const layout = () =>
  grid().evaluate((table) => {
    const inner = (cell: Element) => {
      const style = getComputedStyle(cell);
      return cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    };
    const content = (cell: Element) => {
      const text = cell.querySelector('.cell-text');
      if (text) return (text as HTMLElement).scrollWidth;
      const kids = [...cell.children] as HTMLElement[];
      const gap = parseFloat(getComputedStyle(cell).columnGap) || 0;
      return kids.reduce((sum, kid) => sum + kid.getBoundingClientRect().width, 0) + Math.max(0, kids.length - 1) * gap;
    };
    const rows = [...table.querySelectorAll('.table-body [role=row]')];
    const names = rows.map((r) => r.querySelector('.col-name .cell-text') as HTMLElement);
    const cut = names.filter((n) => n.scrollWidth > n.clientWidth + 1).map((n) => n.textContent);
    const headCells = [...table.querySelectorAll('.head-row [role=columnheader]')];
    const blank: Record<string, number> = {};
    headCells.forEach((head, i) => {
      const column = head.classList.contains('actions') ? 'actions' : head.className.replace(/.*col-/, '');
      if (column === 'name' || column === 'progress') return;
      const label = head.querySelector('.cell-text') as HTMLElement | null;
      // A sorted column's header has its arrow beside its word.
      let widest = label ? label.scrollWidth + (head.hasAttribute('aria-sort') ? 17 : 0) : 0;
      for (const row of rows) widest = Math.max(widest, content(row.children[i]!));
      blank[column] = Math.round(inner(rows[0]!.children[i]!) - widest);
    });
    const nameBox = headCells[0]!.getBoundingClientRect();
    const rowWidth = rows[0]!.getBoundingClientRect().width;
    return { cut, blank, name: nameBox.width, rowWidth, scrollsSideways: table.scrollWidth > table.clientWidth, shown: headCells.map((h) => h.className.replace(/.*col-|.*actions.*/, (m) => (m.includes('actions') ? 'actions' : ''))) };
  });

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await ferry(['config', 'set', 'maxConcurrent', '3', '--home', bed.home]);
  // Two small ones finish at once; the long-named ones trickle (3 of them running).
  SHORT.forEach((name) => bed.server.serve(`/n/${name}`, randomFile(30_000)));
  LONG.forEach((name, i) => bed.server.serve(`/n/${name}`, randomFile(20_000_000, { rate: 20_000 + i * 5000 })));
  const list = path.join(bed.downloads, 'urls.txt');
  fs.writeFileSync(list, [...SHORT, ...LONG].map((n) => bed.server.url(`/n/${n}`)).join('\n'));
  await ferry(['add', '-i', list, '-d', bed.downloads, '--connections', '1', '--home', bed.home]);
  page = await bed.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(bed.daemon.url);
  await grid().locator(`xpath=self::*[@aria-rowcount="${SHORT.length + LONG.length + 1}"]`).waitFor(SLOW);
  await grid().getByRole('row').filter({ hasText: 'photo.jpg' }).filter({ hasText: 'Completed' }).waitFor(SLOW);
  // Running with a speed shown: the Speed and Time left columns have something to show.
  await grid().locator('.table-body .col-speed').filter({ hasText: 'kB/s' }).first().waitFor(SLOW);
});

for (const width of [1100, 1000, 800]) {
  it(`at ${width} px wide, Name keeps 40% of the row or 220 px, and no column keeps blank room while a name is cut`, async () => {
    await page.setViewportSize({ width, height: 700 });
    // The table fits itself once it has measured the window (a frame or two): asked until then.
    await expect.poll(async () => (await layout()).rowWidth, { message: 'the table follows the window' }).toBeLessThan(width - 100);
    await expect
      .poll(async () => {
        const now = await layout();
        const roomy = Object.entries(now.blank).filter(([, px]) => px > 8);
        return now.cut.length > 0 ? roomy : [];
      }, { message: `blank room beside a cut name at ${width} px`, timeout: 10_000 })
      .toEqual([]);
    const now = await layout();
    expect(now.name, `Name's width at ${width} px`).toBeGreaterThanOrEqual(Math.floor(Math.min(0.4 * now.rowWidth, 220)));
    // Nothing to scroll to sideways: what does not fit is hidden, not a scroll away.
    expect(now.scrollsSideways).toBe(false);
    // Progress and Status stay in sight at every width; every Added date shown is whole.
    expect(now.shown).toEqual(expect.arrayContaining(['name', 'progress', 'status', 'actions']));
    expect(await grid().locator('.table-body .col-added .cell-text').evaluateAll((cells) => cells.every((c) => c.scrollWidth <= c.clientWidth))).toBe(true);
    // At 1000 px Added has given way (Name would get less than 220 px); at 1100 all the default columns show.
    if (width === 1100) expect(now.shown).toEqual(['name', 'size', 'progress', 'speed', 'eta', 'status', 'added', 'actions']);
    for (const theme of ['light', 'dark'] as const) {
      await ferry(['config', 'set', 'theme', theme, '--home', bed.home]);
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe(theme);
      await page.screenshot({ path: path.join(ARTIFACTS, `narrow-columns-${width}-${theme}.png`) });
    }
  });
}

it('offers a Connections column: what each running download reads over, sortable; Name still keeps its share', async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('menu', { name: 'Columns' }).getByRole('menuitemcheckbox', { name: 'Connections' }).click();
  const head = page.getByRole('columnheader').filter({ has: page.getByRole('button', { name: 'Connections', exact: true }) });
  await head.waitFor();
  // Three run, each over one connection (--connections 1); the finished ones say nothing.
  await expect.poll(() => grid().locator('.table-body .col-connections').allTextContents()).toEqual(expect.arrayContaining(['1', '1', '1', '', '']));
  await head.getByRole('button').click();
  expect(await head.getAttribute('aria-sort')).toBe('descending');
  expect(await grid().locator('.table-body [role=row]').first().locator('.col-connections').textContent()).toBe('1');
  const now = await layout();
  expect(now.name).toBeGreaterThanOrEqual(220);
  await page.screenshot({ path: path.join(ARTIFACTS, 'narrow-columns-connections-1280.png') });
});
