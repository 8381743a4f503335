// Drag to reorder the queue in the browser UI: a queued row dropped on the upper or lower half of
// another goes right before or after it; a selection moves together; the daemon starts them in
// that order, and the order holds after the daemon restarts. Only in a list sorted by Status (the
// queue's order, either way round); in another order the drag is refused with the reason.
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry, startDaemon } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-drag');
const SLOW = { timeout: 20_000 };
let page: Page;
const NAMES = ['w1.bin', 'w2.bin', 'w3.bin', 'w4.bin', 'w5.bin'];
type Row = { url: string; state: string; priority: string; queueOrder: number };
const queue = async () =>
  (await ferry(['ls', '--json', '--home', bed.home])).stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Row)
    .filter((r) => r.state === 'queued')
    .sort((a, b) => (a.priority === b.priority ? a.queueOrder - b.queueOrder : a.priority === 'high' ? -1 : 1))
    .map((r) => r.url.split('/').pop());
const item = (name: string) => page.getByRole('grid', { name: 'Transfers' }).getByRole('row').filter({ hasText: name });
const status = (name: string) => item(name).locator('.col-status').textContent();

/** Drags `from` onto the upper (before) or lower (after) part of `onto`, as a person does with the mouse. */
async function drag(from: Locator, onto: Locator, side: 'before' | 'after', shot?: string): Promise<void> {
  // Progress: a column a narrow window never hides.
  const a = (await from.locator('.col-progress').boundingBox())!;
  const b = (await onto.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  const y = side === 'before' ? b.y + 4 : b.y + b.height - 4;
  await page.mouse.move(b.x + b.width / 3, y, { steps: 8 });
  await page.mouse.move(b.x + b.width / 3 + 2, y, { steps: 2 });
  if (shot) {
    await expect.poll(() => onto.getAttribute('class')).toContain(`drop-${side}`);
    await page.screenshot({ path: path.join(ARTIFACTS, shot) });
  }
  await page.mouse.up();
}

beforeAll(async () => {
  await ferry(['config', 'set', 'maxConcurrent', '1', '--home', bed.home]);
  bed.server.serve('/q/hold.bin', randomFile(8_000_000, { rate: 50_000 }));
  await ferry(['add', bed.server.url('/q/hold.bin'), '-d', bed.downloads, '--connections', '1', '--home', bed.home]);
  for (const name of NAMES) {
    bed.server.serve(`/q/${name}`, randomFile(30_000));
    await ferry(['add', bed.server.url(`/q/${name}`), '-d', bed.downloads, '--home', bed.home]);
  }
  page = await bed.browser.newPage({ viewport: { width: 1280, height: 700 } });
  await page.goto(bed.daemon.url);
  await item('w5.bin').waitFor(SLOW);
});

it('drops a row before another, then a selection of two after another; the order holds after the daemon restarts', async () => {
  await expect.poll(() => status('w1.bin'), SLOW).toBe('Queued1st in queue, waiting for a free slot');
  expect(await item('w1.bin').getAttribute('draggable')).toBe('true');
  // A running row is not in the queue: it cannot be dragged.
  expect(await item('hold.bin').getAttribute('draggable')).toBeNull();

  // Sorted by Status, the list shows the queue as it will start: above a row on screen is before it.
  await page.getByRole('columnheader', { name: 'Status' }).click();
  await expect.poll(() => page.getByRole('grid', { name: 'Transfers' }).getByRole('row').filter({ hasText: 'Queued' }).locator('.col-name').allTextContents()).toEqual(NAMES);
  await drag(item('w4.bin'), item('w2.bin'), 'before', 'queue-drag-line-light.png');
  await expect.poll(queue, SLOW).toEqual(['w1.bin', 'w4.bin', 'w2.bin', 'w3.bin', 'w5.bin']);
  await expect.poll(() => status('w4.bin'), SLOW).toBe('Queued2nd in queue, waiting for a free slot');

  // w1 and w5 selected (Ctrl+click), dragged by w5 onto the lower half of w3: both go after it, in their order.
  await item('w1.bin').locator('.col-size').click();
  await item('w5.bin').locator('.col-size').click({ modifiers: ['Control'] });
  await drag(item('w5.bin'), item('w3.bin'), 'after');
  await expect.poll(queue, SLOW).toEqual(['w4.bin', 'w2.bin', 'w3.bin', 'w1.bin', 'w5.bin']);

  // Dropped on a row that is not queued: nothing changes, and it is no drop of links either (no add form).
  await drag(item('w2.bin'), item('hold.bin'), 'before');
  expect(await page.locator('.app.dragging').count()).toBe(0);
  expect(await page.getByRole('dialog').count()).toBe(0);
  expect(await queue()).toEqual(['w4.bin', 'w2.bin', 'w3.bin', 'w1.bin', 'w5.bin']);

  await bed.daemon.stop();
  bed.daemon = await startDaemon(bed.home);
  await page.goto(bed.daemon.url);
  await item('w5.bin').waitFor(SLOW);
  expect(await queue()).toEqual(['w4.bin', 'w2.bin', 'w3.bin', 'w1.bin', 'w5.bin']);
  await expect.poll(() => status('w4.bin'), SLOW).toBe('Queued1st in queue, waiting for a free slot');
  expect(await status('w5.bin')).toBe('Queued5th in queue, waiting for a free slot');
});

it('refuses a drag with the reason in the default view (newest first, not the queue’s order); sorted by Status descending the line is where the row lands; dark at 800x600', async () => {
  await ferry(['config', 'set', 'theme', 'dark', '--home', bed.home]);
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
  // The page was loaded again after the restart: its sort is the default one (asked before the window
  // narrows: at 800 px the Added column gives way to Name).
  await expect.poll(() => page.getByRole('columnheader', { name: 'Added' }).getAttribute('aria-sort')).toBe('descending');
  await page.setViewportSize({ width: 800, height: 600 });
  // Newest first says nothing of where a row would land in the queue: no drop line, no move, the reason instead.
  await drag(item('w1.bin'), item('w2.bin'), 'after');
  const notice = page.getByRole('alert').filter({ hasText: 'To reorder the queue by dragging, sort the list by Status first' });
  await notice.waitFor();
  expect(await page.locator('.drop-before, .drop-after').count()).toBe(0);
  await page.screenshot({ path: path.join(ARTIFACTS, 'queue-drag-refused-dark-800.png') });
  expect(await queue()).toEqual(['w4.bin', 'w2.bin', 'w3.bin', 'w1.bin', 'w5.bin']);
  await notice.getByRole('button', { name: 'Dismiss' }).click();

  // Sorted by Status, then the other way round: the queue from its end; the line below w2 on screen is where w1 lands.
  const status = page.getByRole('columnheader', { name: 'Status' });
  await status.click();
  await status.click();
  await expect.poll(() => status.getAttribute('aria-sort')).toBe('descending');
  const queuedOnScreen = () => page.getByRole('grid', { name: 'Transfers' }).getByRole('row').filter({ hasText: 'Queued' }).locator('.col-name').allTextContents();
  await expect.poll(queuedOnScreen).toEqual(['w5.bin', 'w1.bin', 'w3.bin', 'w2.bin', 'w4.bin']);
  await drag(item('w1.bin'), item('w2.bin'), 'after', 'queue-drag-line-dark-800.png');
  await expect.poll(queue, SLOW).toEqual(['w4.bin', 'w1.bin', 'w2.bin', 'w3.bin', 'w5.bin']);
  await expect.poll(queuedOnScreen, SLOW).toEqual(['w5.bin', 'w3.bin', 'w2.bin', 'w1.bin', 'w4.bin']);
});
