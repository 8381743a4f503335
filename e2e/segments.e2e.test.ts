// A download over several connections in the browser UI against the daemon: its row draws the parts
// on disk at their places, its details say how many connections fetch it and draw the parts; the
// add form's connections field refuses a bad count in words, and a count it takes is the request's;
// with a mirror, the details say which address the connections read from and what each sent.
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-segments');
let page: Page;
const SLOW = { timeout: 20_000 };
const item = (name: string) => page.getByRole('row').filter({ hasText: name });

beforeAll(async () => {
  // 150 kB/s per connection: slow enough to look at while several fetch it.
  bed.server.serve('/files/parts.bin', randomFile(30_000_000, { rate: 150_000 }));
  bed.server.serve('/files/one.bin', randomFile(30_000_000, { rate: 150_000 }));
  const shared = randomFile(30_000_000, { rate: 150_000 });
  bed.server.serve('/files/both.bin', shared);
  bed.server.serve('/mirror/both.bin', shared);
  page = await bed.browser.newPage({ viewport: { width: 1280, height: 700 } });
  await page.goto(bed.daemon.url);
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});

it('draws the parts of a download fetched over several connections, in its row and its details', async () => {
  expect((await ferry(['add', bed.server.url('/files/parts.bin'), '-d', bed.downloads, '--home', bed.home])).code).toBe(0);
  // Several parts on disk, apart from each other, once a few seconds of syncs are saved.
  await expect.poll(() => item('parts.bin').locator('.progress-part').count(), SLOW).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: path.join(ARTIFACTS, 'segments-row.png') });
  await item('parts.bin').locator('.col-status').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Details' }).click();
  const pane = page.getByRole('region', { name: 'Details: parts.bin' });
  await pane.getByRole('tab', { name: 'Parts' }).click();
  await expect.poll(() => pane.getByText(/\d+ connections now\./).count(), SLOW).toBe(1);
  expect(await pane.locator('.parts .parts-fill').count()).toBeGreaterThanOrEqual(2);
  expect(await pane.getByRole('img', { name: /Parts of the file on disk: \d+/ }).count()).toBe(1);
  await pane.screenshot({ path: path.join(ARTIFACTS, 'segments-details.png') });
  await pane.getByRole('button', { name: 'Close the details' }).click();
});

it('says which address the connections of a download with a mirror read from', async () => {
  const added = await ferry(['add', bed.server.url('/files/both.bin'), '--mirror', bed.server.url('/mirror/both.bin'), '-d', bed.downloads, '--home', bed.home]);
  expect(added.code).toBe(0);
  await expect.poll(() => item('both.bin').count(), SLOW).toBe(1);
  await item('both.bin').locator('.col-status').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Details' }).click();
  const pane = page.getByRole('region', { name: 'Details: both.bin' });
  await pane.getByRole('tab', { name: 'Parts' }).click();
  const sources = pane.getByRole('list', { name: 'Where the connections read from' });
  // Both addresses, each with its connections and what it sent, once the mirror's parts flow.
  await expect.poll(() => sources.getByRole('listitem').allTextContents(), SLOW).toEqual([
    expect.stringMatching(new RegExp(`^${bed.server.url('/files/both.bin')}: (one connection|\\d+ connections), [\\d.]+ [kMG]?B received$`)),
    expect.stringMatching(new RegExp(`^${bed.server.url('/mirror/both.bin')}: (one connection|\\d+ connections), [\\d.]+ [kMG]?B received$`)),
  ]);
  await expect.poll(() => bed.server.requestsFor('/mirror/both.bin').length, SLOW).toBeGreaterThan(0);
  await pane.screenshot({ path: path.join(ARTIFACTS, 'segments-mirror-details.png') });
  await pane.getByRole('button', { name: 'Close the details' }).click();
  expect((await ferry(['cancel', added.stdout.trim(), '--home', bed.home])).code).toBe(0);
});

it("takes the add form's connections: a bad count refused in words, 1 sent as the request's", async () => {
  await page.getByRole('button', { name: 'Add download' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add download' });
  await dialog.getByLabel('URL').fill(bed.server.url('/files/one.bin'));
  await dialog.getByLabel('Folder').fill(bed.downloads);
  await dialog.getByLabel('Connections').fill('65');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  expect(await dialog.getByRole('alert').first().textContent()).toBe('Connections must be a whole number from 1 to 64, or empty for automatic.');
  await dialog.getByLabel('Connections').fill('1');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect.poll(() => dialog.count()).toBe(0);
  await expect.poll(() => item('one.bin').count(), SLOW).toBe(1);
  // One connection: the server saw one request for it, and the row keeps its plain bar.
  await expect.poll(() => bed.server.requestsFor('/files/one.bin').length, SLOW).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  expect(bed.server.requestsFor('/files/one.bin')).toHaveLength(1);
  expect(await item('one.bin').locator('.progress-part').count()).toBe(0);
});
