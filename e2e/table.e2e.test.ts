// The main window's table (issue 19, section 2), used as a person would against a real daemon:
// one line per transfer and 20 or more in sight at 1280x800, the whole width of a wide window;
// sorting by a click on a header; columns chosen from the header menu, resized and remembered
// after a reload; the keyboard (arrows, Shift, Home/End, Enter, Space, Delete that asks);
// the row menu (right-click, the context-menu key); double-click for the details; the sidebar's
// states and kinds, the status bar. Screenshots at 800, 1280 and 1920 wide, light and dark.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-table');
const SLOW = { timeout: 15_000 };
let page: Page;

const NAMES = [
  'holiday-video.mkv', 'podcast-episode-12.mp3', 'debian-13-netinst.iso', 'annual-report-2026.pdf', 'photo-0001.jpg', 'setup-tool-installer.exe',
  'measurements.csv', 'source-code-v2.tar.gz', 'lecture-recording-with-a-very-long-name-that-does-not-fit.mp4', 'album-cover.png', 'manual.epub', 'firmware.bin',
  'backup-2026-11.zip', 'song.flac', 'slides.pptx', 'kernel.deb', 'notes.txt', 'screenshot.webp', 'trailer.webm', 'library.jar', 'map-tiles.7z', 'game-patch.rar',
  'dataset-large.parquet', 'recording.wav',
];

type Row = { id: string; state: string; url: string };
const listed = async (): Promise<Row[]> => (await ferry(['ls', '--json', '--home', bed.home])).stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
const stateOf = async (name: string) => (await listed()).find((r) => r.url.endsWith(`/${name}`))?.state;
const grid = () => page.getByRole('grid', { name: 'Transfers' });
const rowNames = async () => (await grid().getByRole('row').locator('.transfer-name').allTextContents()).map((t) => t.trim());
const item = (name: string) => grid().getByRole('row').filter({ hasText: name });
const header = (name: string) => page.getByRole('columnheader').filter({ has: page.getByRole('button', { name, exact: true }) });
const selectedNames = async () => (await grid().locator('[role=row][aria-selected=true] .transfer-name').allTextContents()).map((t) => t.trim());

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await ferry(['config', 'set', 'maxConcurrent', '3', '--home', bed.home]);
  NAMES.forEach((name, i) => bed.server.serve(`/t/${name}`, randomFile(2_000_000 + i * 150_000, { rate: 25_000 + i * 2000 })));
  bed.server.serve('/t/small-done.zip', randomFile(40_000));
  const list = path.join(bed.downloads, 'urls.txt');
  // The quick ones first: three run at a time, in the order they were added.
  fs.writeFileSync(list, [bed.server.url('/t/small-done.zip'), bed.server.url('/t/missing-chapter.pdf'), ...NAMES.map((n) => bed.server.url(`/t/${n}`))].join('\n'));
  await ferry(['add', '-i', list, '-d', bed.downloads, '--home', bed.home]);
  page = await bed.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(bed.daemon.url);
  await grid().locator(`xpath=self::*[@aria-rowcount="${NAMES.length + 3}"]`).waitFor(SLOW);
  // The failed and the finished one, as the page shows them.
  await item('missing-chapter.pdf').filter({ hasText: 'Failed' }).waitFor(SLOW);
  await item('small-done.zip').filter({ hasText: 'Completed' }).waitFor(SLOW);
});

it('shows one line per transfer: 20 or more in sight at 1280x800, the whole width at 1920; screenshots in light and dark', async () => {
  await expect.poll(() => item('holiday-video.mkv').textContent(), SLOW).toMatch(/kB\/s/);
  const box = (await grid().boundingBox())!;
  const inSight = await grid()
    .locator('.table-body [role=row]')
    .evaluateAll((rows, bottom) => rows.filter((r) => r.getBoundingClientRect().bottom <= bottom).length, box.y + box.height);
  expect(inSight).toBeGreaterThanOrEqual(20);
  // Every row is one line: the same height.
  const heights = new Set(await grid().locator('.table-body [role=row]').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height)));
  expect(heights.size).toBe(1);
  // The columns a row shows: a file-type icon with the name, a bar with its percentage, the status.
  const running = item('holiday-video.mkv');
  // The video icon, drawn: its mask (the icon sheet's rule) is in force.
  const icon = running.locator('.file-icon .icon-fileVideo');
  expect(await icon.count()).toBe(1);
  expect(await icon.evaluate((e) => getComputedStyle(e).maskImage)).toMatch(/^url\("data:image\/svg\+xml/);
  expect(await running.getByRole('progressbar').getAttribute('aria-valuenow')).toMatch(/^\d+$/);
  expect(await item('missing-chapter.pdf').locator('.transfer-error').textContent()).toBe('The server says this file does not exist (404).');

  for (const [width, height] of [[1280, 800], [800, 600], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    if (width === 1920) {
      // No room left unused on a wide window.
      const wide = (await grid().boundingBox())!;
      // All of it beside the sidebar, to the window's right edge.
      const sidebar = (await page.locator('nav.sidebar').boundingBox())!;
      expect(wide.x + wide.width).toBeGreaterThan(width - 20);
      expect(wide.width).toBeGreaterThan(width - sidebar.width - 60);
      expect(await grid().evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    }
    for (const theme of ['light', 'dark'] as const) {
      await ferry(['config', 'set', 'theme', theme, '--home', bed.home]);
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe(theme);
      await page.screenshot({ path: path.join(ARTIFACTS, `table-${width}-${theme}.png`) });
    }
  }
  await ferry(['config', 'set', 'theme', 'system', '--home', bed.home]);
  await page.setViewportSize({ width: 1280, height: 800 });
});

it('at 1100 and 800 px wide Name keeps 220 px, Status stays in sight, Added shows or gives way whole; the focus outline reaches the buttons', async () => {
  await expect.poll(() => item('holiday-video.mkv').textContent(), SLOW).toMatch(/kB\/s/);
  const long = item('lecture-recording-with-a-very-long-name-that-does-not-fit.mp4');
  for (const [width, height] of [[1100, 800], [800, 600]] as const) {
    await page.setViewportSize({ width, height });
    // Where each header cell is drawn, and the pinned buttons' column it must not pass under.
    const headerBoxes = async () => {
      const boxes = await page.locator('.head-row [role=columnheader]').evaluateAll((cells) =>
        cells.map((cell) => ({ name: cell.className.replace(/.*col-/, ''), left: cell.getBoundingClientRect().left, right: cell.getBoundingClientRect().right })),
      );
      return { of: (column: string) => boxes.find((b) => b.name === column), buttonsAt: (await page.locator('.head-row .cell.actions').boundingBox())!.x };
    };
    const inSight = async (column: string) => {
      const boxes = await headerBoxes();
      const box = boxes.of(column);
      return box !== undefined && box.right <= boxes.buttonsAt + 1 && box.right - box.left >= 90;
    };
    // The table follows the window once it has measured it (a frame or two): asked until then.
    await expect.poll(() => inSight('status'), { message: `Status at ${width} px` }).toBe(true);
    // Name, the column people read, keeps 220 px: the others gave way (fit-columns.ts).
    await expect.poll(async () => { const name = (await headerBoxes()).of('name')!; return name.right - name.left; }).toBeGreaterThanOrEqual(220);
    // Nothing to scroll to sideways: what does not fit is hidden.
    expect(await grid().evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    if (width === 1100) {
      await expect.poll(() => inSight('added'), { message: 'Added at 1100 px' }).toBe(true);
    } else {
      // At 800 px Added has given way; the columns menu still has it chosen, and it comes back in a wider window.
      expect(await header('Added').count()).toBe(0);
      await page.getByRole('button', { name: 'Columns' }).click();
      expect(await page.getByRole('menu', { name: 'Columns' }).getByRole('menuitemcheckbox', { name: 'Added' }).getAttribute('aria-checked')).toBe('true');
      await page.keyboard.press('Escape');
    }
    // Every Added cell shows its whole date: nothing cut by the edge.
    expect(await grid().locator('.table-body .col-added').evaluateAll((cells) => cells.every((c) => c.scrollWidth <= c.clientWidth))).toBe(true);
    // The long name ends in an ellipsis within its cell.
    expect(await long.locator('.col-name .cell-text').evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).textOverflow === 'ellipsis')).toBe(true);
    for (const theme of ['light', 'dark'] as const) {
      await ferry(['config', 'set', 'theme', theme, '--home', bed.home]);
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe(theme);
      await page.screenshot({ path: path.join(ARTIFACTS, `table-narrow-${width}-${theme}.png`) });
    }
  }
  // The keyboard's row is outlined the whole way, over the pinned name and buttons too.
  await grid().focus();
  await page.keyboard.press('Home');
  const lead = grid().locator('.row.lead');
  const outline = await lead.evaluate((row) => {
    const mark = getComputedStyle(row, '::after');
    return { zIndex: mark.zIndex, content: mark.content, borderWidth: mark.borderTopWidth, position: mark.position };
  });
  expect(outline).toMatchObject({ content: '""', position: 'absolute' });
  expect(Number(outline.zIndex)).toBeGreaterThan(1);
  const leadBox = (await lead.boundingBox())!;
  // The part of the row's outline that shows runs under nothing: the buttons column ends inside it.
  expect(leadBox.x + leadBox.width).toBeGreaterThanOrEqual((await lead.locator('.cell.actions').boundingBox())!.x + (await lead.locator('.cell.actions').boundingBox())!.width - 1);
  await page.screenshot({ path: path.join(ARTIFACTS, 'table-narrow-800-focus.png') });
  await page.keyboard.press('Escape');
  await ferry(['config', 'set', 'theme', 'system', '--home', bed.home]);
  await page.setViewportSize({ width: 1280, height: 800 });
});

it('sorts by a click on a header, and the other way on a second click', async () => {
  const sortedNames = [...NAMES, 'small-done.zip', 'missing-chapter.pdf'].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' }));
  await header('Name').getByRole('button').click();
  expect(await header('Name').getAttribute('aria-sort')).toBe('ascending');
  expect((await rowNames()).slice(0, 5)).toEqual(sortedNames.slice(0, 5));
  await header('Name').getByRole('button').click();
  expect(await header('Name').getAttribute('aria-sort')).toBe('descending');
  expect((await rowNames()).slice(0, 5)).toEqual([...sortedNames].reverse().slice(0, 5));
  // Status: in the engine's order of states (queued first, then running ...).
  await header('Status').getByRole('button').click();
  expect(await header('Status').getAttribute('aria-sort')).toBe('ascending');
  expect(await header('Name').getAttribute('aria-sort')).toBeNull();
  expect(await item((await rowNames())[0]!).textContent()).toContain('Queued');
  await page.screenshot({ path: path.join(ARTIFACTS, 'table-sorted-by-status.png') });
  await header('Name').getByRole('button').click();
});

it('chooses columns from the header menu, resizes them, and remembers both after a reload', async () => {
  await page.getByRole('button', { name: 'Columns' }).click();
  const menu = page.getByRole('menu', { name: 'Columns' });
  expect(await menu.getByRole('menuitemcheckbox', { name: 'Speed' }).getAttribute('aria-checked')).toBe('true');
  expect(await menu.getByRole('menuitemcheckbox', { name: 'Folder' }).getAttribute('aria-checked')).toBe('false');
  await page.screenshot({ path: path.join(ARTIFACTS, 'table-columns-menu.png') });
  await menu.getByRole('menuitemcheckbox', { name: 'Folder' }).click();
  expect(await header('Folder').count()).toBe(1);
  expect(await item('small-done.zip').locator('.col-folder').textContent()).toBe(bed.downloads);
  // A right-click on the header opens the same menu.
  await header('Size').click({ button: 'right' });
  await menu.getByRole('menuitemcheckbox', { name: 'Added' }).click();
  expect(await header('Added').count()).toBe(0);

  const handle = page.getByRole('separator', { name: 'Resize Size' });
  const before = (await header('Size').boundingBox())!.width;
  const at = (await handle.boundingBox())!;
  await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
  await page.mouse.down();
  await page.mouse.move(at.x + 60, at.y + at.height / 2, { steps: 5 });
  await page.mouse.up();
  const after = (await header('Size').boundingBox())!.width;
  expect(after).toBeGreaterThan(before + 40);

  await page.reload();
  await item('small-done.zip').waitFor(SLOW);
  expect(await header('Folder').count()).toBe(1);
  expect(await header('Added').count()).toBe(0);
  // The remembered widths apply once the table has measured the window (a frame or two after the rows).
  await expect.poll(async () => Math.round((await header('Size').boundingBox())!.width)).toBe(Math.round(after));
  expect(await header('Name').getAttribute('aria-sort')).toBe('ascending');

  await page.getByRole('button', { name: 'Columns' }).click();
  await menu.getByRole('menuitem', { name: 'Default columns' }).click();
  expect(await header('Folder').count()).toBe(0);
  expect(await header('Added').count()).toBe(1);

  // By keyboard: Enter opens it on the first column that can be hidden; Esc gives the focus back.
  await page.getByRole('button', { name: 'Columns' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain('Size');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain('Progress');
  await page.keyboard.press('Escape');
  await expect.poll(() => menu.count()).toBe(0);
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Columns');
});

it('is one tab stop that answers arrows, Shift, Home/End, Enter, Space and Delete (which asks first)', async () => {
  // From the search box, one Tab reaches the list (the header's buttons come before it).
  await grid().focus();
  const names = await rowNames();
  await page.keyboard.press('ArrowDown');
  expect(await selectedNames()).toEqual([names[0]]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  expect(await selectedNames()).toEqual(names.slice(1, 4));
  expect(await grid().getAttribute('aria-activedescendant')).toBe(await item(names[3]!).getAttribute('id'));
  await page.keyboard.press('End');
  await expect.poll(selectedNames).toEqual([(await rowNames()).at(-1)]);
  await page.keyboard.press('Home');
  expect(await selectedNames()).toEqual([names[0]]);
  await page.screenshot({ path: path.join(ARTIFACTS, 'table-keyboard.png') });

  await page.keyboard.press('Enter');
  const details = page.getByRole('region', { name: `Details: ${names[0]}` });
  await details.waitFor();
  await page.keyboard.press('Escape');
  await expect.poll(() => details.count()).toBe(0);

  // Space pauses the running one the keys are on, and resumes it.
  const running = (await listed()).find((r) => r.state === 'running')!;
  const runningName = running.url.split('/').pop()!;
  await item(runningName).locator('.col-size').click();
  await page.keyboard.press(' ');
  await expect.poll(() => stateOf(runningName), SLOW).toBe('paused');
  await page.keyboard.press(' ');
  await expect.poll(() => stateOf(runningName), SLOW).not.toBe('paused');

  // Delete on an unfinished one asks; declined (Esc), it stays.
  await page.keyboard.press('Delete');
  const question = page.getByRole('dialog', { name: `Remove ${runningName}?` });
  await question.waitFor();
  expect(await question.textContent()).toContain('It is not finished.');
  await page.screenshot({ path: path.join(ARTIFACTS, 'table-delete-asks.png') });
  await page.keyboard.press('Escape');
  await expect.poll(() => question.count()).toBe(0);
  expect(await stateOf(runningName)).not.toBeUndefined();
  expect(await item(runningName).count()).toBe(1);
});

it('opens the row menu on a right-click and on the keyboard: copy the address, pause and resume, remove (asks), delete the file', async () => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(bed.daemon.url).origin });
  const running = (await listed()).find((r) => r.state === 'running')!;
  const runningName = running.url.split('/').pop()!;
  await item(runningName).locator('.col-size').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: `Actions for ${runningName}` });
  await menu.waitFor();
  // A right-click selects the row, as in a file manager; the first item that applies has the focus.
  expect(await selectedNames()).toEqual([runningName]);
  expect(await menu.getByRole('menuitem', { name: 'Retry' }).isDisabled()).toBe(true);
  await page.screenshot({ path: path.join(ARTIFACTS, 'table-row-menu.png') });
  await menu.getByRole('menuitem', { name: 'Copy address' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(running.url);
  expect(await menu.count()).toBe(0);
  // Focus is back on the list: its keys work at once.
  expect(await grid().evaluate((el) => el === document.activeElement)).toBe(true);

  await item(runningName).locator('.col-size').click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Pause' }).click();
  await expect.poll(() => stateOf(runningName), SLOW).toBe('paused');
  // The context-menu key opens it for the row the keys are on; arrows move in it, Enter chooses.
  await expect.poll(() => item(runningName).textContent()).toContain('Paused');
  await page.keyboard.press('ContextMenu');
  await menu.waitFor();
  expect(await menu.getByRole('menuitem', { name: 'Pause' }).count()).toBe(0);
  await menu.getByRole('menuitem', { name: 'Resume' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => stateOf(runningName), SLOW).not.toBe('paused');

  // Remove from the menu asks too, when bytes would be lost; declined, it stays.
  await page.keyboard.press('Shift+F10');
  await menu.getByRole('menuitem', { name: 'Remove' }).click();
  const question = page.getByRole('dialog', { name: `Remove ${runningName}?` });
  await question.waitFor();
  await question.getByRole('button', { name: 'Keep it' }).click();
  expect(await item(runningName).count()).toBe(1);

  // Esc closes the menu without doing anything.
  await page.keyboard.press('ContextMenu');
  await menu.waitFor();
  await page.keyboard.press('Escape');
  await expect.poll(() => menu.count()).toBe(0);
  expect(await item(runningName).count()).toBe(1);

  // Delete file: only for a finished download, asked first.
  await item('small-done.zip').locator('.col-size').click();
  await page.keyboard.press('ContextMenu');
  const doneMenu = page.getByRole('menu', { name: 'Actions for small-done.zip' });
  await doneMenu.getByRole('menuitem', { name: 'Delete file' }).click();
  const deleting = page.getByRole('dialog', { name: 'Delete small-done.zip?' });
  await deleting.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect.poll(() => item('small-done.zip').count(), SLOW).toBe(0);
  expect(fs.existsSync(path.join(bed.downloads, 'small-done.zip'))).toBe(false);
});

it('opens the details on a double-click: a failed, a running and (in the browser, with nothing to open it in) a finished row', async () => {
  await item('missing-chapter.pdf').locator('.col-size').dblclick();
  const details = page.getByRole('region', { name: 'Details: missing-chapter.pdf' });
  await details.waitFor();
  expect(await details.textContent()).toContain('Technical detail');
  await details.getByRole('button', { name: 'Close' }).click();
  const runningName = (await listed()).find((r) => r.state === 'running')!.url.split('/').pop()!;
  // small-done.zip's file was deleted from the row menu: another finished one.
  bed.server.serve('/t/double-clicked.txt', randomFile(1000));
  // First in the queue, then a slot for it.
  await ferry(['add', bed.server.url('/t/double-clicked.txt'), '-d', bed.downloads, '--priority', 'high', '--home', bed.home]);
  await ferry(['config', 'set', 'maxConcurrent', '4', '--home', bed.home]);
  await item('double-clicked.txt').filter({ hasText: 'Completed' }).waitFor(SLOW);
  await ferry(['config', 'set', 'maxConcurrent', '3', '--home', bed.home]);
  for (const name of [runningName, 'double-clicked.txt']) {
    await item(name).locator('.col-size').dblclick();
    const shown = page.getByRole('region', { name: `Details: ${name}` });
    await shown.waitFor();
    await shown.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => shown.count()).toBe(0);
  }
});

it('filters by state and by kind from the sidebar, with counts that match the rows; the status bar sums up', async () => {
  const rowCount = async () => Number(await grid().getAttribute('aria-rowcount')) - 1;
  const states = page.getByRole('group', { name: 'Show' });
  const kinds = page.getByRole('group', { name: 'Downloads and uploads' });
  await states.getByRole('button', { name: /^Failed/ }).click();
  await expect.poll(rowNames).toEqual(['missing-chapter.pdf']);
  expect(await states.getByRole('button', { name: /^Failed/ }).getAttribute('aria-pressed')).toBe('true');
  await states.getByRole('button', { name: /^All/ }).click();
  // Every transfer here is a download: Uploads shows none, and the state counts follow the kind.
  const all = await rowCount();
  expect(await kinds.getByRole('button', { name: /^Downloads/ }).textContent()).toBe(`Downloads ${all}`);
  await item('notes.txt').locator('.col-size').click();
  await kinds.getByRole('button', { name: /^Uploads/ }).click();
  await expect.poll(rowCount).toBe(0);
  // What the filter hides leaves the selection: Delete cannot reach a row out of sight.
  expect(await page.getByRole('group', { name: 'Selected transfers' }).textContent()).toContain('None selected');
  expect(await page.locator('.empty').textContent()).toBe('Nothing here.');
  expect(await states.getByRole('button', { name: /^All/ }).textContent()).toBe('All 0');
  await page.screenshot({ path: path.join(ARTIFACTS, 'table-uploads-only.png') });
  // Again: both kinds.
  await kinds.getByRole('button', { name: /^Uploads/ }).click();
  await expect.poll(rowCount).toBe(all);

  const totals = page.getByRole('contentinfo').locator('p.totals');
  await expect.poll(() => totals.textContent()).toMatch(/↓ [\d.,]+ kB\/s/);
  expect(await totals.textContent()).toContain('↑ 0 B/s');
  expect(await totals.textContent()).toContain('1 failed');
});
