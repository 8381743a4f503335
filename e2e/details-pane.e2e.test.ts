// The details pane below the list (issue 19), in Chromium against the daemon: Enter opens it on the
// keyboard's row and the rows stay where they were (the list gets shorter); its tabs by the arrow
// keys; its height by the splitter's keys and by dragging, remembered after a reload; Escape and the
// close button close it; the history is oldest first; an upload has a Server answer tab. Screenshots
// at 800, 1280 and 1920 wide, light and dark.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { UploadServer } from '../test/helpers/upload-server.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-pane');
const SLOW = { timeout: 20_000 };
let page: Page;
let receiver: UploadServer;

type Row = { id: string; state: string; url: string; history: Array<{ to: string; reason: string }> };
const listed = async (): Promise<Row[]> => (await ferry(['ls', '--json', '--home', bed.home])).stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
const grid = () => page.getByRole('grid', { name: 'Transfers' });
const item = (name: string) => grid().getByRole('row').filter({ hasText: name });
const pane = (name: string) => page.getByRole('region', { name: `Details: ${name}` });
const splitter = () => page.getByRole('separator', { name: 'Height of the details' });
const NAMES = Array.from({ length: 16 }, (_, i) => `file-${String(i).padStart(2, '0')}.bin`);

/** Waits until the list has drawn the rows for its scroll offset (it redraws after the scroll event). */
const drawn = () => page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0)))));

/**
 * `name`'s row, scrolled to until the list draws it (it draws only the rows near sight: with the pane open at 800 px, a few),
 * then into the middle of sight. Each step waits for the redraw: a row counted among those drawn before a scroll is gone after it.
 */
async function reveal(name: string) {
  await grid().evaluate((el) => (el.scrollTop = 0));
  await drawn();
  for (let step = 0; step < 40 && (await item(name).count()) === 0; step++) {
    await grid().evaluate((el) => (el.scrollTop += el.clientHeight / 2));
    await drawn();
  }
  await item(name).evaluate((row) => row.scrollIntoView({ block: 'center' }));
  await drawn();
  return item(name);
}

/** Where each row in sight is drawn: its name and top edge on the page. */
const rowTops = () =>
  grid()
    .locator('.table-body [role=row]')
    .evaluateAll((rows, bottom) => {
      const inSight = rows.filter((r) => r.getBoundingClientRect().bottom <= bottom);
      return Object.fromEntries(inSight.map((r) => [r.querySelector('.transfer-name')!.textContent!.trim(), Math.round(r.getBoundingClientRect().top)]));
    }, Number.MAX_SAFE_INTEGER);

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  receiver = await new UploadServer().start();
  await ferry(['config', 'set', 'maxConcurrent', '3', '--home', bed.home]);
  // 8 MB at 100 kB/s a connection: segmented, and running for the whole file.
  bed.server.serve('/p/parted.iso', randomFile(8_000_000, { rate: 100_000 }));
  NAMES.forEach((name) => bed.server.serve(`/p/${name}`, randomFile(3_000_000, { rate: 20_000 })));
  // The upload first: it is done before the downloads take the three slots.
  const scan = path.join(bed.downloads, 'scan.pdf');
  fs.writeFileSync(scan, randomBytes(50_000));
  expect((await ferry(['upload', scan, '--to', receiver.url('/inbox/'), '--daemon', '--home', bed.home])).code).toBe(0);
  const list = path.join(bed.downloads, 'urls.txt');
  fs.writeFileSync(list, [bed.server.url('/p/parted.iso'), bed.server.url('/p/gone.pdf'), ...NAMES.map((n) => bed.server.url(`/p/${n}`))].join('\n'));
  await ferry(['add', '-i', list, '-d', bed.downloads, '--home', bed.home]);
  page = await bed.browser.newPage({ viewport: { width: 800, height: 600 } });
  await page.goto(bed.daemon.url);
  await item('gone.pdf').filter({ hasText: 'Failed' }).waitFor(SLOW);
  await item('scan.pdf').filter({ hasText: 'Completed' }).waitFor(SLOW);
});
afterAll(async () => {
  await receiver?.close();
});

it('opens with Enter on the keyboard\'s row at 800 px, and no row moves: the list gets shorter', async () => {
  const before = await rowTops();
  expect(Object.keys(before).length).toBeGreaterThanOrEqual(8);
  await grid().focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  const second = (await grid().locator('[role=row][aria-selected=true] .transfer-name').textContent())!.trim();
  const listHeight = (await grid().boundingBox())!.height;
  await page.keyboard.press('Enter');
  await pane(second).waitFor();
  const after = await rowTops();
  // Every row still in sight is where it was; the ones below the pane's top are simply out of sight.
  for (const [name, top] of Object.entries(after)) expect(top, name).toBe(before[name]);
  expect(Object.keys(after).length).toBeLessThan(Object.keys(before).length);
  expect((await grid().boundingBox())!.height).toBeLessThan(listHeight);
  // The keys stay with the list: the pane follows the selection.
  await page.keyboard.press('ArrowDown');
  const third = (await grid().locator('[role=row][aria-selected=true] .transfer-name').textContent())!.trim();
  await pane(third).waitFor();
  expect(await page.getByRole('dialog').count()).toBe(0);
});

it('moves between its tabs with the arrow keys; History is oldest first and numbered in that order', async () => {
  await (await reveal('gone.pdf')).locator('.col-size').dblclick();
  const details = pane('gone.pdf');
  const general = details.getByRole('tab', { name: 'General' });
  expect(await general.getAttribute('aria-selected')).toBe('true');
  expect(await details.getByRole('tabpanel', { name: 'General' }).textContent()).toMatch(/NotFound \(HTTP 404\)/);
  expect(await details.getByRole('button', { name: 'Retry' }).isEnabled()).toBe(true);
  expect(await details.getByRole('button', { name: 'Open' }).isDisabled()).toBe(true);
  // A download has no Server answer tab.
  expect(await details.getByRole('tab').allTextContents()).toEqual(['General', 'Parts', 'History']);
  await general.focus();
  await page.keyboard.press('ArrowRight');
  expect(await details.getByRole('tab', { name: 'Parts' }).getAttribute('aria-selected')).toBe('true');
  await page.keyboard.press('ArrowRight');
  const history = details.getByRole('tab', { name: 'History' });
  expect(await history.getAttribute('aria-selected')).toBe('true');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('History');
  // Oldest first: the list's own numbers (an <ol> not reversed) count from the first change.
  const shown = details.getByRole('list', { name: 'History' }).getByRole('listitem');
  const saved = (await listed()).find((r) => r.url.endsWith('/gone.pdf'))!.history;
  expect(await shown.count()).toBe(saved.length);
  expect(await shown.first().textContent()).toContain(saved[0]!.reason);
  expect(await shown.last().textContent()).toContain(saved.at(-1)!.reason);
  expect(await details.getByRole('list', { name: 'History' }).evaluate((ol) => ol.tagName === 'OL' && !(ol as HTMLOListElement).reversed)).toBe(true);
  // Left from the first tab wraps to the last; End and Home too.
  await page.keyboard.press('Home');
  expect(await general.getAttribute('aria-selected')).toBe('true');
  await page.keyboard.press('ArrowLeft');
  expect(await history.getAttribute('aria-selected')).toBe('true');
});

it("shows an upload's Server answer in its own tab", async () => {
  await (await reveal('scan.pdf')).locator('.col-size').click();
  const details = pane('scan.pdf');
  await details.waitFor();
  await details.getByRole('tab', { name: 'Server answer' }).click();
  const answer = await details.getByRole('tabpanel', { name: 'Server answer' }).textContent();
  expect(answer).toContain('HTTP 201 (application/json)');
  expect(answer).toContain('"size":50000');
});

it('shows the connections and the parts on disk of a segmented download in Parts', async () => {
  await (await reveal('parted.iso')).locator('.col-size').click();
  const details = pane('parted.iso');
  await details.getByRole('tab', { name: 'Parts' }).click();
  await expect.poll(() => details.getByText(/\d+ connections now\./).count(), SLOW).toBe(1);
  await expect.poll(() => details.locator('.parts .parts-fill').count(), SLOW).toBeGreaterThanOrEqual(1);
});

it('resizes by the keyboard and by dragging, remembers the height after a reload, and closes with Escape and its button', async () => {
  // Room for the pane to grow (at 800x600 the list's share caps it near 260 px).
  await page.setViewportSize({ width: 1280, height: 800 });
  const height = async () => Math.round((await page.locator('.details-pane').boundingBox())!.height);
  const start = await height();
  expect(await splitter().getAttribute('aria-valuenow')).toBe(String(start));
  await splitter().focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  expect(await height()).toBe(start + 40);
  await page.keyboard.press('Home');
  expect(await height()).toBe(120);
  // Dragged 100 px up with the pointer.
  const bar = (await splitter().boundingBox())!;
  await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2);
  await page.mouse.down();
  await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2 - 60, { steps: 4 });
  await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2 - 100, { steps: 4 });
  await page.mouse.up();
  expect(await height()).toBe(220);
  // Never more than the list leaves it: End is the most, and the list keeps its header and rows.
  await splitter().focus();
  await page.keyboard.press('End');
  expect(await grid().evaluate((el) => el.clientHeight)).toBeGreaterThanOrEqual(100);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowUp');
  expect(await height()).toBe(140);

  await page.reload();
  await (await reveal('parted.iso')).locator('.col-size').dblclick();
  await pane('parted.iso').waitFor();
  expect(await height()).toBe(140);
  // Escape from inside the pane closes it and gives the keys back to the list, selection kept.
  await pane('parted.iso').getByRole('tab', { name: 'General' }).focus();
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('.details-pane').count()).toBe(0);
  expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('grid');
  expect(await grid().locator('[role=row][aria-selected=true] .transfer-name').allTextContents()).toEqual(['parted.iso']);
  await page.keyboard.press('Enter');
  await pane('parted.iso').getByRole('button', { name: 'Close the details' }).click();
  await expect.poll(() => page.locator('.details-pane').count()).toBe(0);
});

it('saves screenshots of the pane at 800, 1280 and 1920 wide, light and dark', async () => {
  await (await reveal('parted.iso')).locator('.col-size').dblclick();
  const details = pane('parted.iso');
  await details.getByRole('tab', { name: 'Parts' }).click();
  await splitter().focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  // The keys on the tab: the splitter's focus ring would stand out in every picture.
  await details.getByRole('tab', { name: 'Parts' }).focus();
  for (const [width, height] of [[800, 600], [1280, 800], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    for (const theme of ['light', 'dark'] as const) {
      await ferry(['config', 'set', 'theme', theme, '--home', bed.home]);
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe(theme);
      await page.screenshot({ path: path.join(ARTIFACTS, `details-pane-${width}-${theme}.png`) });
    }
  }
  await ferry(['config', 'set', 'theme', 'system', '--home', bed.home]);
});
