// Categories in the browser UI against the daemon: the sidebar counts and filters by file type, and
// a folder set for a category in Settings is where a download given no folder goes.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-categories');
let page: Page;
const SLOW = { timeout: 15_000 };
const category = (name: string) => page.getByRole('group', { name: 'Categories' }).getByRole('button', { name: new RegExp(`^${name} `) });

beforeAll(async () => {
  for (const name of ['trailer.mp4', 'song.flac', 'backup.tar.gz', 'notes.pdf', 'readme']) bed.server.serve(`/c/${name}`, randomFile(2000));
  for (const name of ['trailer.mp4', 'song.flac', 'backup.tar.gz', 'notes.pdf', 'readme']) {
    await ferry(['add', bed.server.url(`/c/${name}`), '-d', bed.downloads, '--home', bed.home]);
  }
  page = await bed.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(bed.daemon.url);
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});

it('counts the transfers of each file type in the sidebar and shows one type alone', async () => {
  await expect.poll(() => category('Video').textContent(), SLOW).toBe('Video 1');
  expect(await category('Compressed').textContent()).toBe('Compressed 1');
  expect(await category('Other').textContent()).toBe('Other 1');
  await category('Audio').click();
  await expect.poll(() => page.getByRole('row').filter({ hasText: /\.(mp4|flac|gz|pdf)|readme/ }).count()).toBe(1);
  expect(await page.getByRole('row').filter({ hasText: 'song.flac' }).count()).toBe(1);
  await page.screenshot({ path: path.join(ARTIFACTS, 'categories-sidebar.png') });
  await category('Audio').click();
  await expect.poll(() => page.getByRole('row').filter({ hasText: /\.(mp4|flac|gz|pdf)|readme/ }).count()).toBe(5);
});

it("sends a download given no folder to its category's folder set in Settings", async () => {
  const videos = path.join(bed.downloads, 'Videos');
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('tab', { name: 'Categories' }).click();
  const video = settings.getByRole('group', { name: 'Video' });
  await video.getByLabel('Extensions').fill('mp4 mkv webm');
  await video.getByLabel('Folder').fill(videos);
  await page.screenshot({ path: path.join(ARTIFACTS, 'categories-settings.png') });
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => settings.count()).toBe(0);
  bed.server.serve('/c/clip.webm', randomFile(3000));
  expect((await ferry(['add', bed.server.url('/c/clip.webm'), '--home', bed.home])).code).toBe(0);
  await expect.poll(() => fs.existsSync(path.join(videos, 'clip.webm')), SLOW).toBe(true);
  await expect.poll(() => category('Video').textContent(), SLOW).toBe('Video 2');
});
