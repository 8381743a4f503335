// "Open while downloading" in Chromium against the daemon: a WAV served slowly is still running
// when the row menu opens it in a new tab, and Chromium's player reads its length from the stream
// link (Range requests, the sandbox CSP) while the rest arrives. The desktop window (its bridge
// stood in) offers it in the same places and asks the app to open it.
import path from 'node:path';
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { ferry } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';
import { installFakeBridge } from './helpers/fake-bridge.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-stream');

/** `seconds` of a 440 Hz tone, 16-bit mono PCM at 22,050 Hz, as a WAV file. */
function wav(seconds: number): Buffer {
  const rate = 22_050;
  const samples = rate * seconds;
  const file = Buffer.alloc(44 + samples * 2);
  file.write('RIFF', 0);
  file.writeUInt32LE(36 + samples * 2, 4);
  file.write('WAVEfmt ', 8);
  file.writeUInt32LE(16, 16);
  file.writeUInt16LE(1, 20);
  file.writeUInt16LE(1, 22);
  file.writeUInt32LE(rate, 24);
  file.writeUInt32LE(rate * 2, 28);
  file.writeUInt16LE(2, 32);
  file.writeUInt16LE(16, 34);
  file.write('data', 36);
  file.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) file.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return file;
}

it('opens a running audio download in a new tab, where Chromium plays it from the stream link', async () => {
  const body = wav(20);
  bed.server.serve('/tone.wav', { body, etag: '"tone"', rate: 100_000 });
  const page = await bed.browser.newPage({ viewport: { width: 1100, height: 640 } });
  await page.goto(bed.daemon.url);
  const id = (await ferry(['add', bed.server.url('/tone.wav'), '-d', bed.downloads, '--home', bed.home])).stdout.trim();
  const row = page.getByRole('row').filter({ hasText: 'tone.wav' });
  await row.waitFor();
  await row.click({ button: 'right' });
  const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('menuitem', { name: 'Open while downloading' }).click()]);
  await tab.waitForLoadState();
  expect(tab.url()).toMatch(new RegExp(`/stream/${id}\\?ticket=`));
  // The player knows the whole length (20 s) from the header and Content-Length, long before the end arrives.
  await expect.poll(() => tab.evaluate(() => document.querySelector('video, audio') && (document.querySelector('video, audio') as HTMLMediaElement).duration), { timeout: 15_000 }).toBeCloseTo(20, 0);
  const listed = JSON.parse((await ferry(['ls', '--json', '--home', bed.home])).stdout.trim().split('\n')[0]!) as { state: string };
  expect(listed.state).toBe('running');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await tab.screenshot({ path: path.join(ARTIFACTS, 'open-while-downloading.png') });
});

it('the desktop window offers it where the browser UI does (the row menu, after Open; the details) and asks the app to open it', async () => {
  const page = await bed.browser.newPage({ viewport: { width: 1100, height: 640 } });
  // The desktop window's bridge, stood in (helpers/fake-bridge.ts): it records what the window asks the app to open.
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await installFakeBridge(page, 10, 5);
  await page.goto(bed.daemon.url);
  const row = page.getByRole('row').filter({ hasText: 'file-1.mkv' });
  await row.waitFor();
  await row.click({ button: 'right' });
  const menu = page.getByRole('menu');
  await menu.waitFor();
  expect((await menu.getByRole('menuitem').allInnerTexts()).slice(0, 3)).toEqual(['Open', 'Open while downloading', 'Show in folder']);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'open-while-downloading-desktop-menu.png') });
  await menu.getByRole('menuitem', { name: 'Open while downloading' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { openedWhileDownloading: string[] }).openedWhileDownloading)).toEqual(['fake-00001']);
  // The details' General tab has it too, after Retry, Open and Show in folder.
  await row.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Details' }).click();
  const actions = page.locator('.pane-actions button');
  await expect.poll(() => actions.allInnerTexts()).toEqual(['Retry', 'Open', 'Show in folder', 'Open while downloading']);
  await page.screenshot({ path: path.join(ARTIFACTS, 'open-while-downloading-desktop-details.png') });
  await actions.filter({ hasText: 'Open while downloading' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { openedWhileDownloading: string[] }).openedWhileDownloading)).toEqual(['fake-00001', 'fake-00001']);
  // A file that is not sound or video has no such item.
  await page.getByRole('row').filter({ hasText: 'file-2.zip' }).click({ button: 'right' });
  await menu.waitFor();
  expect(await menu.getByRole('menuitem').allInnerTexts()).not.toContain('Open while downloading');
  expect(errors).toEqual([]);
  await page.close();
});
