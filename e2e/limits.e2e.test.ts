// Speed limits in the browser UI against the daemon: a download added with its own limit from the
// add form (a bad speed is refused in words first), the alternative limit switched on with the
// header's button (the header then says the transfers are held back, and why) and off again, and
// the transfer's own limit changed from the row menu's "Speed limit…" dialog and from its details
// while it runs, and a schedule rule made in Settings (refused in words while it has no day) that
// then holds it back.
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-limits');
let page: Page;
const SLOW = { timeout: 15_000 };

type Row = { id: string; state: string; limitBytesPerSec: number | null };
const row = async (): Promise<Row> => JSON.parse((await ferry(['ls', '--json', '--home', bed.home])).stdout.trim().split('\n')[0]!) as Row;
const config = async (key: string) => (await ferry(['config', 'get', key, '--home', bed.home])).stdout.trim();
const item = (name: string) => page.getByRole('row').filter({ hasText: name });

beforeAll(async () => {
  expect((await ferry(['config', 'set', 'altDownloadLimitBytesPerSec', '200k', '--home', bed.home])).stdout.trim()).toBe('200000');
  bed.server.serve('/files/big.bin', randomFile(40_000_000));
  page = await bed.browser.newPage({ viewport: { width: 1200, height: 560 } });
  await page.goto(bed.daemon.url);
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});

it('adds a download with its own limit from the add form, refusing a bad speed in words', async () => {
  await page.getByRole('button', { name: 'Add download' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add download' });
  await dialog.getByLabel('URL').fill(bed.server.url('/files/big.bin'));
  await dialog.getByLabel('Folder').fill(bed.downloads);
  await dialog.getByLabel('Speed limit').fill('fast');
  expect(await dialog.getByRole('alert').first().textContent()).toBe('"fast" is not a speed: write e.g. 500k, 2M or 1.5MiB (bytes per second), or leave it empty for no limit.');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  // Refused: nothing was queued, the dialog stays.
  expect(await dialog.count()).toBe(1);
  expect((await ferry(['ls', '--json', '--home', bed.home])).stdout.trim()).toBe('');
  await dialog.getByLabel('Speed limit').fill('2M');
  expect(await dialog.getByRole('alert').count()).toBe(0);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect.poll(row, SLOW).toMatchObject({ state: 'running', limitBytesPerSec: 2_000_000 });
});

it('switches the alternative limit on from the header, which then says transfers are held back to it, and off again', async () => {
  const button = page.getByRole('button', { name: 'Alternative limit' });
  expect(await button.getAttribute('aria-pressed')).toBe('false');
  expect(await button.getAttribute('title')).toContain('200 kB/s down, no limit up');
  await button.click();
  await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
  expect(await config('limit.alternative')).toBe('true');
  const line = page.locator('header .limited');
  await expect.poll(() => line.textContent(), SLOW).toBe('Limited to 200 kB/s down (alternative limit)');
  // The screenshot once the speed shown has come down to the limit (under 300 kB/s).
  await expect.poll(() => page.getByLabel('Totals').textContent(), { timeout: 30_000 }).toMatch(/↓ (\d+ B|\d\d?(\.\d)? kB|[12]\d\d kB)\/s/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'limits-header.png') });
  await button.click();
  await expect.poll(() => button.getAttribute('aria-pressed')).toBe('false');
  expect(await config('limit.alternative')).toBe('false');
  // Its own 2 MB/s is the transfer's business: no global limit holds it back now.
  await expect.poll(() => line.count(), SLOW).toBe(0);
});

it("changes the transfer's own limit while it runs, from the row menu's Speed limit… dialog", async () => {
  await item('big.bin').locator('.col-status').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Speed limit…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Speed limit: big.bin' });
  expect(await dialog.getByRole('status').textContent()).toBe('Now at most 2.0 MB/s');
  expect(await dialog.getByLabel('Speed limit').inputValue()).toBe('2M');
  await dialog.getByLabel('Speed limit').fill('50x');
  expect(await dialog.getByRole('alert').first().textContent()).toContain('"50x" is not a speed');
  await dialog.getByLabel('Speed limit').fill('50k');
  await page.screenshot({ path: path.join(ARTIFACTS, 'limits-row-dialog.png') });
  await dialog.getByRole('button', { name: 'Set' }).click();
  await expect.poll(() => dialog.count()).toBe(0);
  await expect.poll(row, SLOW).toMatchObject({ state: 'running', limitBytesPerSec: 50_000 });

  // The details show it and change it too.
  await page.getByRole('button', { name: 'Details of big.bin' }).click();
  const details = page.getByRole('region', { name: 'Details: big.bin' });
  expect(await details.getByRole('status').textContent()).toBe('Now at most 50.0 kB/s');
  await details.getByLabel('Speed limit').fill('80k');
  await details.getByRole('button', { name: 'Set' }).click();
  await expect.poll(() => details.getByRole('status').textContent()).toBe('Now at most 80.0 kB/s');
  await expect.poll(row, SLOW).toMatchObject({ state: 'running', limitBytesPerSec: 80_000 });
  await details.getByRole('button', { name: 'Close' }).click();
});

it('makes a schedule rule in Settings, refuses one without a day, and the header names the rule while it holds transfers back', async () => {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('tab', { name: 'Speed limits' }).click();
  await settings.getByRole('button', { name: 'Add rule' }).click();
  const rule = settings.getByRole('group', { name: 'Rule 1' });
  for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) await rule.getByLabel(day).uncheck();
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => settings.getByRole('alert').textContent()).toBe('Rule 1 of the schedule needs at least one day.');
  expect(await config('limitSchedule')).toBe('[]');
  for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']) await rule.getByLabel(day).check();
  // Changed, the rule is no longer said to be wrong.
  expect(await settings.getByRole('alert').count()).toBe(0);
  await rule.getByLabel('From').fill('00:00');
  await rule.getByLabel('To').fill('00:00');
  await rule.getByLabel('Downloads (kB/s; 0: no limit)').fill('20');
  await page.screenshot({ path: path.join(ARTIFACTS, 'limits-schedule.png') });
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => settings.count()).toBe(0);
  expect(JSON.parse(await config('limitSchedule'))).toEqual([{ days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '00:00', downloadLimitBytesPerSec: 20_000, uploadLimitBytesPerSec: 0 }]);
  // Its own 80 kB/s off (its debt would hold it for a while yet): the schedule's rule is then what holds it back.
  expect((await ferry(['limit', (await row()).id, 'none', '--home', bed.home])).code).toBe(0);
  await expect.poll(() => page.locator('header .limited').textContent(), SLOW).toBe('Limited to 20.0 kB/s down (schedule: every day, all day)');
  // The screenshot once the speed shown has come down to the limit's scale (under 100 kB/s).
  await expect.poll(() => page.getByLabel('Totals').textContent(), { timeout: 30_000 }).toMatch(/↓ (\d+ B|\d\d?(\.\d)? kB)\/s/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'limits-schedule-header.png') });
});
