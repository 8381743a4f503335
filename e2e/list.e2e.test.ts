// A list people can live in: 50 transfers in the table, newest first; sort by a header, search,
// select (click, Shift-click, Ctrl+A) and act on the selection with buttons and keys; the details
// view with the history; the shortcuts overlay; screenshots of the list (light and dark, 50 rows)
// and of dialogs.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-list');
let page: Page;
const names = Array.from({ length: 50 }, (_, i) => `alpha-${String(i).padStart(2, '0')}.bin`);

type Row = { id: string; state: string; path: string | null; url: string };
const rows = async (): Promise<Row[]> => (await ferry(['ls', '--json', '--home', bed.home])).stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
const stateOf = async (name: string) => (await rows()).find((r) => r.url.endsWith(`/${name}`))?.state;
// The rows drawn (the table draws those in sight), top to bottom.
const rowNames = async () => (await page.getByRole('row').locator('.transfer-name').allTextContents()).map((t) => t.trim());
const item = (name: string) => page.getByRole('row').filter({ hasText: name });
const header = (name: string) => page.getByRole('columnheader').filter({ has: page.getByRole('button', { name, exact: true }) });
// Each look at the daemon's state is a `ferry ls` process: under a loaded machine a second is few.
const SLOW = { timeout: 15_000 };

beforeAll(async () => {
  // Slow and mostly queued (two at a time), so every state change here is the test's own.
  names.forEach((name, i) => bed.server.serve(`/list/${name}`, randomFile(200_000 + i * 1000, { rate: 20_000 })));
  await ferry(['config', 'set', 'maxConcurrent', '2', '--home', bed.home]);
  const list = path.join(bed.downloads, 'list.txt');
  fs.writeFileSync(list, names.map((n) => bed.server.url(`/list/${n}`)).join('\n'));
  expect((await ferry(['add', '-i', list, '-d', bed.downloads, '--home', bed.home])).stdout.trim().split('\n')).toHaveLength(50);
  page = await bed.browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(bed.daemon.url);
  await page.locator('[role=grid][aria-rowcount="51"]').waitFor(SLOW);
});

it('shows the newest first, sorts by a click on a header, and searches', async () => {
  // One batch, newest first: the list's last line at the top.
  expect((await rowNames()).slice(0, 3)).toEqual(['alpha-49.bin', 'alpha-48.bin', 'alpha-47.bin']);
  expect(await header('Added').getAttribute('aria-sort')).toBe('descending');
  await header('Name').getByRole('button').click();
  expect((await rowNames()).slice(0, 3)).toEqual(['alpha-00.bin', 'alpha-01.bin', 'alpha-02.bin']);
  expect(await header('Name').getAttribute('aria-sort')).toBe('ascending');
  expect(await header('Added').getAttribute('aria-sort')).toBeNull();
  // Sizes are known once a download has started (two run at a time): biggest first, unknown last.
  await header('Size').getByRole('button').click();
  expect((await rowNames()).slice(0, 2)).toEqual(['alpha-01.bin', 'alpha-00.bin']);
  expect(await header('Size').getAttribute('aria-sort')).toBe('descending');
  await header('Name').getByRole('button').click();
  await page.fill('input[aria-label="Search transfers"]', 'alpha-1');
  await expect.poll(rowNames, SLOW).toEqual(names.slice(10, 20));
  await page.fill('input[aria-label="Search transfers"]', 'nothing-like-this');
  await expect.poll(() => page.locator('.empty').textContent()).toBe('Nothing matches "nothing-like-this".');
  await page.fill('input[aria-label="Search transfers"]', 'alpha-1');
});

it('selects with click and Shift-click, and pauses and resumes the selection', async () => {
  await item('alpha-10.bin').locator('.col-status').click();
  await item('alpha-14.bin').locator('.col-status').click({ modifiers: ['Shift'] });
  await expect.poll(() => page.getByRole('group', { name: 'Selected transfers' }).textContent()).toContain('5 selected');
  await page.getByRole('button', { name: 'Pause selected' }).click();
  for (const name of names.slice(10, 15)) await expect.poll(() => stateOf(name), SLOW).toBe('paused');
  expect(await stateOf('alpha-15.bin')).not.toBe('paused');
  await page.screenshot({ path: path.join(ARTIFACTS, 'list-selection.png') });
  await page.getByRole('button', { name: 'Resume selected' }).click();
  for (const name of names.slice(10, 15)) await expect.poll(() => stateOf(name), SLOW).not.toBe('paused');
});

it('answers its keys: Ctrl+A, Space to pause and resume, Delete to remove, Esc, ? and N', async () => {
  await page.locator('h1').click();
  await page.keyboard.press('Control+a');
  await expect.poll(() => page.getByRole('group', { name: 'Selected transfers' }).textContent()).toContain('10 selected');
  await page.keyboard.press(' ');
  for (const name of names.slice(10, 20)) await expect.poll(() => stateOf(name), SLOW).toBe('paused');
  await page.keyboard.press(' ');
  for (const name of names.slice(10, 20)) await expect.poll(() => stateOf(name), SLOW).not.toBe('paused');
  await page.keyboard.press('Escape');
  expect(await page.getByRole('group', { name: 'Selected transfers' }).textContent()).toContain('None selected');

  await item('alpha-19.bin').locator('.col-status').click();
  await item('alpha-18.bin').locator('.col-status').click({ modifiers: ['Control'] });
  await page.keyboard.press('Delete');
  // They are not finished: asked first, in words.
  const question = page.getByRole('dialog', { name: 'Remove 2 transfers?' });
  expect(await question.textContent()).toContain('None of them is finished.');
  await question.getByRole('button', { name: /^Remove/ }).click();
  await expect.poll(rowNames, SLOW).toEqual(names.slice(10, 18));
  expect((await rows()).length).toBe(48);

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  expect(await help.textContent()).toContain('Select every transfer in view');
  await page.screenshot({ path: path.join(ARTIFACTS, 'shortcuts.png') });
  await help.getByRole('button', { name: 'Close' }).click();
  await page.keyboard.press('n');
  await expect.poll(() => page.getByRole('dialog', { name: 'Add download' }).count()).toBe(1);
  await page.keyboard.press('Escape');
  // A key typed in the search box is text, not a shortcut.
  await page.focus('input[aria-label="Search transfers"]');
  await page.keyboard.press('n');
  expect(await page.getByRole('dialog').count()).toBe(0);
  await page.fill('input[aria-label="Search transfers"]', '');
});

it('shows the details of a transfer: where, size, headers by name only, and its history', async () => {
  // alpha-00 started first: it has a history (started, paused and resumed by the tests above).
  await page.getByRole('button', { name: 'Details of alpha-00.bin' }).click();
  const details = page.getByRole('region', { name: 'Details: alpha-00.bin' });
  const text = await details.textContent();
  expect(text).toContain(bed.server.url('/list/alpha-00.bin'));
  expect(text).toContain(path.join(bed.downloads, 'alpha-00.bin'));
  expect(text).toContain('of 200 kB');
  await details.getByRole('tab', { name: 'History' }).click();
  expect(await details.getByRole('list', { name: 'History' }).textContent()).toContain('Downloading: started');
  await page.screenshot({ path: path.join(ARTIFACTS, 'details.png') });
  await details.getByRole('button', { name: 'Close' }).click();
});

it('saves the list with 48 rows in light, dark and compact', async () => {
  await header('Added').getByRole('button').click();
  expect(await header('Added').getAttribute('aria-sort')).toBe('descending');
  await page.screenshot({ path: path.join(ARTIFACTS, 'list-light.png') });
  await ferry(['config', 'set', 'theme', 'dark', '--home', bed.home]);
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
  await page.screenshot({ path: path.join(ARTIFACTS, 'list-dark.png') });
  await ferry(['config', 'set', 'theme', 'system', '--home', bed.home]);
  // Compact rows: more of a long list on one screen.
  const comfortableHeight = await item('alpha-30.bin').evaluate((el) => el.getBoundingClientRect().height);
  await ferry(['config', 'set', 'density', 'compact', '--home', bed.home]);
  await expect.poll(() => item('alpha-30.bin').evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(comfortableHeight);
  await page.screenshot({ path: path.join(ARTIFACTS, 'list-compact.png') });
  await ferry(['config', 'set', 'density', 'comfortable', '--home', bed.home]);
  await page.getByRole('button', { name: 'Pause all' }).click();
  await expect.poll(async () => (await rows()).every((r) => r.state === 'paused' || r.state === 'completed'), { timeout: 20_000 }).toBe(true);
});
