// "Open while downloading" in Chromium against the daemon: a WAV served slowly is still running
// when the row menu opens it in a new tab, and Chromium's player reads its length from the stream
// link (Range requests, the sandbox CSP) while the rest arrives.
import path from 'node:path';
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { ferry } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

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
