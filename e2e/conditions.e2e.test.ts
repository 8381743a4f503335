// Why transfers wait, in the browser UI: with the network set to metered (`ferry config set
// network.cost metered`), a download that may only use unmetered networks pauses, its row and the
// header say why, and "Download anyway" (asked first) lets it finish; Settings sets the network
// back to what the system says.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { randomFile, sha256 } from '../test/helpers/fault-server.ts';
import { sha256File } from '../test/helpers/engine.ts';
import { ferry } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-conditions');
let page: Page;

beforeAll(async () => {
  page = await bed.browser.newPage({ viewport: { width: 1100, height: 480 } });
  await page.goto(bed.daemon.url);
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});

const item = (name: string) => page.getByRole('row').filter({ hasText: name });

it('says why a download waits on a metered network, and lets it through when asked', async () => {
  expect((await ferry(['config', 'set', 'network.cost', 'metered', '--home', bed.home])).stdout.trim()).toBe('metered');
  const file = randomFile(1_000_000, { rate: 500_000 });
  bed.server.serve('/files/metered.bin', file);
  await page.getByRole('button', { name: 'Add download' }).click();
  await page.getByLabel('URL').fill(bed.server.url('/files/metered.bin'));
  await page.getByLabel('Folder').fill(bed.downloads);
  await page.getByLabel('On metered networks').selectOption('unrestrictedOnly');
  await page.getByRole('button', { name: 'Add', exact: true }).click();

  await expect.poll(() => item('metered.bin').textContent(), { timeout: 10_000 }).toContain('Paused — metered network');
  expect(await item('metered.bin').textContent()).toContain('On a metered network: this transfer runs only on an unmetered network');
  await expect.poll(() => page.getByRole('status', { name: 'Why transfers wait' }).textContent(), { timeout: 10_000 }).toBe('Metered network: 1 transfer waiting');
  // The status bar says what the engine reads: the daemon, and this network's cost.
  await expect.poll(() => page.getByLabel('Engine, network and power').textContent(), { timeout: 10_000 }).toMatch(/^Ferry daemonMetered network/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'conditions.png') });

  await item('metered.bin').getByRole('button', { name: 'Download anyway metered.bin' }).click();
  const question = page.getByRole('dialog', { name: 'Download anyway?' });
  expect(await question.textContent()).toContain("Download metered.bin anyway, over this network, whatever it costs? Ferry will not pause it for the network's cost or the battery again.");
  await question.getByRole('button', { name: 'Download anyway' }).click();
  await expect.poll(() => item('metered.bin').textContent(), { timeout: 20_000 }).toContain('Completed');
  expect(sha256File(path.join(bed.downloads, 'metered.bin'))).toBe(sha256(file.body));
  expect(await page.getByRole('status', { name: 'Why transfers wait' }).count()).toBe(0);

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('tab', { name: 'Network and battery' }).click();
  expect(await settings.getByLabel('This network is').inputValue()).toBe('metered');
  await settings.getByLabel('This network is').selectOption('auto');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect.poll(async () => (await ferry(['config', 'get', 'network.cost', '--home', bed.home])).stdout.trim(), { timeout: 10_000 }).toBe('auto');
  expect(fs.existsSync(path.join(bed.downloads, 'metered.bin.part'))).toBe(false);
});
