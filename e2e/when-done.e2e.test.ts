// "When everything is done" in the browser UI against the daemon: the status bar's menu sets it, the
// daemon's countdown appears as a banner once nothing is left to run (from its whenDoneChanged
// event; the last download paused: paused ones do not count), Cancel stops it and the choice goes
// back to nothing; a download added during a countdown stops it while the choice stays. The
// downloads trickle (never finish on their own), so what runs is the test's choice, not the clock's. The daemon runs with a fake systemctl first on its PATH that only
// records its arguments, so a countdown that ran out would suspend nothing; none may run out here.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { tempDir } from '../test/helpers/engine.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const fakeBin = tempDir('ferry-e2e-when-done-bin-');
const powerLog = path.join(fakeBin, 'systemctl.log');
fs.writeFileSync(path.join(fakeBin, 'systemctl'), `#!/bin/sh\necho "$@" >> '${powerLog}'\n`, { mode: 0o755 });
const bed = useDaemonBed('ferry-e2e-when-done', { PATH: `${fakeBin}:${process.env['PATH']}` });
let page: Page;
afterAll(() => fs.rmSync(fakeBin, { recursive: true, force: true }));

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // One fault per request: a reconnect (the speed floor) trickles again.
  const trickle = Array.from({ length: 20 }, () => ({ kind: 'trickle' as const, afterBytes: 200_000, everyMs: 200 }));
  bed.server.serve('/files/slow.bin', randomFile(1_500_000), trickle).serve('/files/later.bin', randomFile(1_500_000), trickle);
  page = await bed.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(bed.daemon.url);
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});

const whenDoneJson = async () => JSON.parse((await ferry(['when-done', '--json', '--home', bed.home])).stdout) as { choice: string; countdownMs: number | null };

it('sleep is chosen in the menu, counts down once the last download is paused, and Cancel stops it', async () => {
  const button = page.getByRole('button', { name: /^When done:/ });
  expect(await button.textContent()).toBe('When done: Nothing');
  expect(await button.getAttribute('title')).toContain('a restart forgets it');
  const id = (await ferry(['add', bed.server.url('/files/slow.bin'), '-d', bed.downloads, '--home', bed.home])).stdout.trim();

  await button.click();
  const menu = page.getByRole('menu', { name: 'When everything is done' });
  expect(await menu.getByRole('menuitemcheckbox').allTextContents()).toEqual(['✓Nothing', 'Quit Ferry', 'Sleep', 'Shut down']);
  await page.screenshot({ path: path.join(ARTIFACTS, 'when-done-menu.png') });
  await menu.getByRole('menuitemcheckbox', { name: 'Sleep' }).click();
  await expect.poll(() => button.textContent()).toBe('When done: Sleep');
  const banner = page.locator('.when-done-countdown');
  // The download still runs: no countdown.
  expect((await whenDoneJson()).countdownMs).toBeNull();
  expect(await banner.count()).toBe(0);

  expect((await ferry(['pause', id, '--home', bed.home])).code).toBe(0);
  await banner.waitFor({ timeout: 10_000 });
  expect(await banner.getAttribute('role')).toBe('alert');
  await expect.poll(async () => (await banner.textContent()) ?? '').toMatch(/^Everything is done: Ferry will put the computer to sleep in (5\d|60) s\. Cancel$/);
  expect((await whenDoneJson()).choice).toBe('sleep');
  await page.screenshot({ path: path.join(ARTIFACTS, 'when-done-countdown.png') });

  await banner.getByRole('button', { name: 'Cancel' }).click();
  await banner.waitFor({ state: 'detached' });
  await expect.poll(() => button.textContent()).toBe('When done: Nothing');
  expect(await whenDoneJson()).toMatchObject({ choice: 'nothing', countdownMs: null });
  expect(fs.existsSync(powerLog)).toBe(false);
});

it('a download added during the countdown stops it; the choice stays', async () => {
  const button = page.getByRole('button', { name: /^When done:/ });
  await button.click();
  await page.getByRole('menu', { name: 'When everything is done' }).getByRole('menuitemcheckbox', { name: 'Shut down' }).click();
  const banner = page.locator('.when-done-countdown');
  // Nothing runs: the countdown starts at once.
  await banner.waitFor();
  await expect.poll(async () => (await banner.textContent()) ?? '').toMatch(/^Everything is done: Ferry will shut the computer down in (5\d|60) s\. Cancel$/);

  const id = (await ferry(['add', bed.server.url('/files/later.bin'), '-d', bed.downloads, '--home', bed.home])).stdout.trim();
  await banner.waitFor({ state: 'detached' });
  expect(await button.textContent()).toBe('When done: Shut down');
  expect(await whenDoneJson()).toMatchObject({ choice: 'shutdown', countdownMs: null });
  await page.screenshot({ path: path.join(ARTIFACTS, 'when-done-stopped-by-new-download.png') });

  // Cancelled from the menu before the download ends: nothing counts down after it.
  await button.click();
  await page.getByRole('menu', { name: 'When everything is done' }).getByRole('menuitemcheckbox', { name: 'Nothing' }).click();
  await expect.poll(() => button.textContent()).toBe('When done: Nothing');
  expect((await ferry(['cancel', id, '--home', bed.home])).code).toBe(0);
  expect(await whenDoneJson()).toMatchObject({ choice: 'nothing', countdownMs: null });
  expect(await banner.count()).toBe(0);
  expect(fs.existsSync(powerLog)).toBe(false);
});
