// Browse… in the browser UI: the daemon's folders listed in the page. Navigate (open, up, a typed
// path), make a folder, refuse one it cannot read, choose: the form's field is filled and the
// download lands there; Settings' download folder the same way. Screenshots light and dark, and
// at 800x600.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { AxeBuilder } from '@axe-core/playwright';
import { randomFile, sha256 } from '../test/helpers/fault-server.ts';
import { sha256File } from '../test/helpers/engine.ts';
import { ferry } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-folders');
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  for (const dir of ['Films', 'Music/Albums', 'Podcasts', '.secret']) fs.mkdirSync(path.join(bed.downloads, dir), { recursive: true });
  fs.writeFileSync(path.join(bed.downloads, 'readme.txt'), 'a file');
  await ferry(['config', 'set', 'downloadDir', bed.downloads, '--home', bed.home]);
  // AxeBuilder wants a page of a context it can reach (browser.newPage's is hidden from it).
  page = await (await bed.browser.newContext({ viewport: { width: 1100, height: 760 } })).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(bed.daemon.url);
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});

const chooser = () => page.getByRole('region', { name: 'Choose a folder' });
const folderNames = async () => (await chooser().getByRole('list').getByRole('button').allTextContents()).map((s) => s.trim());
const pathShown = () => chooser().getByLabel('Path to open').inputValue();

it('navigates the daemon\'s folders, makes one, and the download lands in the folder chosen', async () => {
  const file = randomFile(700_000);
  bed.server.serve('/files/episode.bin', file);
  await page.getByRole('button', { name: 'Add download' }).click();
  await page.getByLabel('URL').fill(bed.server.url('/files/episode.bin'));
  const folderField = page.getByRole('dialog').getByRole('textbox', { name: 'Folder', exact: true });
  expect(await folderField.inputValue()).toBe(bed.downloads);
  await page.getByRole('button', { name: 'Browse…' }).click();

  // It starts at the field's folder: its subfolders only, no file, no hidden one.
  await expect.poll(folderNames).toEqual(['Films', 'Music', 'Podcasts']);
  expect(await pathShown()).toBe(bed.downloads);
  await chooser().getByLabel('Show hidden folders').check();
  await expect.poll(folderNames).toEqual(['.secret', 'Films', 'Music', 'Podcasts']);
  await chooser().getByLabel('Show hidden folders').uncheck();
  await expect.poll(folderNames).toEqual(['Films', 'Music', 'Podcasts']);

  // Open Music, then up again; a typed path goes there; a file typed is refused in words and nothing moves.
  await chooser().getByRole('button', { name: 'Open Music' }).click();
  await expect.poll(pathShown).toBe(path.join(bed.downloads, 'Music'));
  expect(await folderNames()).toEqual(['Albums']);
  await chooser().getByRole('button', { name: 'Up to the folder above' }).click();
  await expect.poll(pathShown).toBe(bed.downloads);
  await chooser().getByLabel('Path to open').fill(path.join(bed.downloads, 'readme.txt'));
  await chooser().getByLabel('Path to open').press('Enter');
  await expect.poll(() => chooser().getByRole('alert').textContent()).toBe(`${path.join(bed.downloads, 'readme.txt')} is a file, not a folder`);
  expect(await page.getByRole('dialog').isVisible()).toBe(true);
  await chooser().getByLabel('Path to open').fill(path.join(bed.downloads, 'Podcasts'));
  await chooser().getByRole('button', { name: 'Go', exact: true }).click();
  await expect.poll(pathShown).toBe(path.join(bed.downloads, 'Podcasts'));
  expect(await chooser().getByRole('alert').count()).toBe(0);

  // New folder: a bad name is refused in words, a good one is made and opened.
  await chooser().getByRole('button', { name: 'New folder' }).click();
  await chooser().getByLabel('Name of the new folder').fill('a/b');
  await chooser().getByRole('button', { name: 'Make it' }).click();
  await expect.poll(() => chooser().getByRole('alert').textContent()).toBe('A folder name cannot contain / or \\ ("a/b")');
  await chooser().getByLabel('Name of the new folder').fill('Season 2');
  await chooser().getByLabel('Name of the new folder').press('Enter');
  const season = path.join(bed.downloads, 'Podcasts', 'Season 2');
  await expect.poll(pathShown).toBe(season);
  expect(fs.statSync(season).isDirectory()).toBe(true);
  await chooser().screenshot({ path: path.join(ARTIFACTS, 'folder-chooser-new-folder.png') });

  await chooser().getByRole('button', { name: 'Choose this folder' }).click();
  expect(await chooser().count()).toBe(0);
  expect(await folderField.inputValue()).toBe(season);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect.poll(() => page.getByRole('row').filter({ hasText: 'episode.bin' }).textContent(), { timeout: 20_000 }).toContain('Completed');
  expect(sha256File(path.join(season, 'episode.bin'))).toBe(sha256(file.body));
});

it('Escape closes the chooser alone; a folder that is not there is said, and it starts at the download folder then', async () => {
  await page.getByRole('button', { name: 'Add download' }).click();
  const folderField = page.getByRole('dialog').getByRole('textbox', { name: 'Folder', exact: true });
  await folderField.fill(path.join(bed.downloads, 'not-made-yet'));
  await page.getByRole('button', { name: 'Browse…' }).click();
  await expect.poll(pathShown).toBe(bed.downloads);
  expect(await chooser().getByRole('alert').textContent()).toBe(`There is no folder ${path.join(bed.downloads, 'not-made-yet')}`);
  await chooser().getByLabel('Path to open').press('Escape');
  expect(await chooser().count()).toBe(0);
  expect(await page.getByRole('dialog').isVisible()).toBe(true);
  expect(await folderField.inputValue()).toBe(path.join(bed.downloads, 'not-made-yet'));
  await page.getByRole('button', { name: 'Close' }).click();
});

it("chooses Settings' download folder; screenshots light, dark and at 800x600", async () => {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('button', { name: 'Browse…' }).first().click();
  await expect.poll(folderNames).toEqual(['Films', 'Music', 'Podcasts']);
  await chooser().getByRole('button', { name: 'Open Films' }).click();
  await expect.poll(pathShown).toBe(path.join(bed.downloads, 'Films'));
  await chooser().getByRole('button', { name: 'Choose this folder' }).click();
  expect(await settings.getByRole('textbox', { name: 'Download folder' }).inputValue()).toBe(path.join(bed.downloads, 'Films'));
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect.poll(async () => (await ferry(['config', 'get', 'downloadDir', '--home', bed.home])).stdout.trim()).toBe(path.join(bed.downloads, 'Films'));

  for (const theme of ['light', 'dark'] as const) {
    await ferry(['config', 'set', 'theme', theme, '--home', bed.home]);
    await page.getByRole('button', { name: 'Add download' }).click();
    await page.getByRole('button', { name: 'Browse…' }).click();
    await expect.poll(folderNames).toEqual([]);
    await chooser().getByRole('button', { name: 'Up to the folder above' }).click();
    await expect.poll(folderNames).toEqual(['Films', 'Music', 'Podcasts']);
    await page.getByRole('dialog').screenshot({ path: path.join(ARTIFACTS, `folder-chooser-${theme}.png`) });
    // axe-core: nothing serious or critical in the form as it is now (contrast included).
    const axe = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await chooser().getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Close' }).click();
  }
  await page.setViewportSize({ width: 800, height: 600 });
  await page.getByRole('button', { name: 'Add download' }).click();
  await page.getByRole('button', { name: 'Browse…' }).click();
  await chooser().getByRole('button', { name: 'Up to the folder above' }).click();
  await expect.poll(folderNames).toEqual(['Films', 'Music', 'Podcasts']);
  await page.screenshot({ path: path.join(ARTIFACTS, 'folder-chooser-800x600.png') });
  const box = await chooser().getByRole('button', { name: 'Choose this folder' }).boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(800);
  await page.getByRole('button', { name: 'Close' }).click();
  expect(consoleErrors).toEqual([]);
});
