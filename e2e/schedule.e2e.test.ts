// The scheduler in the browser UI against the daemon: a download added with a start time waits,
// "Scheduled", its row saying until when, and "Start now" from its row menu lets it finish; a time
// window made in Settings (refused in words while it has no day) holds a new download until it
// opens, and taking the windows away lets it run.
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-schedule');
let page: Page;
const SLOW = { timeout: 15_000 };

type Row = { id: string; state: string; url: string };
const rows = async (): Promise<Row[]> =>
  (await ferry(['ls', '--json', '--home', bed.home])).stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Row);
const stateOf = async (name: string) => (await rows()).find((r) => r.url.endsWith(name))?.state;
const item = (name: string) => page.getByRole('row').filter({ hasText: name });
const pad = (n: number) => String(n).padStart(2, '0');
/** Local "HH:MM" and "YYYY-MM-DDTHH:MM" of a moment `hours` from now. */
const ahead = (hours: number) => {
  const at = new Date(Date.now() + hours * 3_600_000);
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  return { time, local: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${time}` };
};

beforeAll(async () => {
  bed.server.serve('/files/later.bin', randomFile(2_000_000));
  bed.server.serve('/files/night.bin', randomFile(2_000_000));
  page = await bed.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(bed.daemon.url);
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});

it('adds a download that starts later; its row says until when, and Start now lets it finish', async () => {
  await page.getByRole('button', { name: 'Add download' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add download' });
  await dialog.getByLabel('URL').fill(bed.server.url('/files/later.bin'));
  await dialog.getByLabel('Folder').fill(bed.downloads);
  const later = ahead(2);
  await dialog.getByLabel('Start at').fill(later.local);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect.poll(() => stateOf('later.bin'), SLOW).toBe('scheduled');
  await expect.poll(() => item('later.bin').textContent(), SLOW).toContain('Scheduled for');
  // Today or, two hours before midnight, tomorrow's weekday in front.
  expect(await item('later.bin').locator('.status').textContent()).toMatch(new RegExp(`^Scheduled for (\\w{3} )?${later.time}$`));
  expect(bed.server.requestsFor('/files/later.bin')).toHaveLength(0);
  await page.screenshot({ path: path.join(ARTIFACTS, 'schedule-row.png') });

  await item('later.bin').locator('.col-status').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Start now' }).click();
  await expect.poll(() => stateOf('later.bin'), SLOW).toBe('completed');
});

it('makes a time window in Settings, refusing one without a day; a new download waits for it until the windows go', async () => {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('tab', { name: 'Transfers' }).click();
  await settings.getByRole('button', { name: 'Add time window' }).click();
  const window = settings.getByRole('group', { name: 'Time window 1' });
  for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) await window.getByLabel(day).uncheck();
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => settings.getByRole('alert').textContent()).toBe('Time window 1 needs at least one day.');
  for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']) await window.getByLabel(day).check();
  const opens = ahead(3);
  const closes = ahead(4);
  await window.getByLabel('From').fill(opens.time);
  await window.getByLabel('To').fill(closes.time);
  await page.screenshot({ path: path.join(ARTIFACTS, 'schedule-settings.png') });
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => settings.count()).toBe(0);
  expect((await ferry(['config', 'get', 'runWindows', '--home', bed.home])).stdout).toBe(`${opens.time}-${closes.time}\n`);

  expect((await ferry(['add', bed.server.url('/files/night.bin'), '-d', bed.downloads, '--home', bed.home])).code).toBe(0);
  await expect.poll(() => stateOf('night.bin'), SLOW).toBe('scheduled');
  await expect.poll(() => item('night.bin').locator('.status').textContent(), SLOW).toMatch(new RegExp(`^Scheduled for (\\w{3} )?${opens.time}, when a time window opens$`));
  expect(bed.server.requestsFor('/files/night.bin')).toHaveLength(0);

  expect((await ferry(['config', 'set', 'runWindows', 'none', '--home', bed.home])).code).toBe(0);
  await expect.poll(() => stateOf('night.bin'), SLOW).toBe('completed');
});
