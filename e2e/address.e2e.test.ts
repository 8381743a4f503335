// "Change address…" in the browser UI against the daemon: a download whose address expired (404)
// continues from its bytes on disk at a new address serving the same file; at one serving another
// file, Ferry says so and starts over only on a second click.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { randomFile, sha256 } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { sha256File } from '../test/helpers/engine.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-address');
let page: Page;
const SLOW = { timeout: 20_000 };
const item = (name: string) => page.getByRole('row').filter({ hasText: name });
const gone = Array.from({ length: 8 }, () => ({ kind: 'status' as const, code: 404 }));

/** A download of `name` that got half-way, then its address went (404 from then on). */
async function expiredDownload(name: string, file: ReturnType<typeof randomFile>): Promise<string> {
  bed.server.serve(`/old/${name}`, file, [{ kind: 'none' }, ...gone]);
  const id = (await ferry(['add', bed.server.url(`/old/${name}`), '-d', bed.downloads, '--connections', '1', '--home', bed.home])).stdout.trim();
  await expect.poll(async () => fs.existsSync(path.join(bed.downloads, `${name}.part`)) && fs.statSync(path.join(bed.downloads, `${name}.part`)).size > 300_000, SLOW).toBe(true);
  await ferry(['pause', id, '--home', bed.home]);
  await ferry(['resume', id, '--home', bed.home]);
  await expect.poll(() => item(name).textContent(), SLOW).toMatch(/Failed/);
  return id;
}

async function openAddressDialog(name: string) {
  await item(name).locator('.col-status').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Change address…' }).click();
  return page.getByRole('dialog', { name: `New address: ${name}` });
}

beforeAll(async () => {
  page = await bed.browser.newPage({ viewport: { width: 1280, height: 700 } });
  await page.goto(bed.daemon.url);
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});

it('continues a download whose address expired from its bytes on disk, at a new address serving the same file', async () => {
  const file = randomFile(2_000_000, { rate: 500_000 });
  await expiredDownload('movie.bin', file);
  bed.server.serve('/new/movie.bin', { ...file, rate: undefined });
  const dialog = await openAddressDialog('movie.bin');
  await dialog.getByLabel('New address').fill(bed.server.url('/new/movie.bin'));
  await dialog.getByRole('button', { name: 'Change address' }).click();
  await expect.poll(() => dialog.count()).toBe(0);
  await expect.poll(() => item('movie.bin').textContent(), SLOW).toMatch(/Completed/);
  expect(sha256File(path.join(bed.downloads, 'movie.bin'))).toBe(sha256(file.body));
  // From the bytes on disk: no request to the new address asked for the whole file.
  expect(bed.server.requestsFor('/new/movie.bin').every((r) => /^bytes=[1-9]\d*-$/.test(r.range ?? ''))).toBe(true);
});

it('says when the new address serves another file, and starts over only when asked again', async () => {
  const file = randomFile(2_000_000, { rate: 500_000 });
  const other = randomFile(700_000);
  await expiredDownload('report.bin', file);
  bed.server.serve('/new/report.bin', other);
  const dialog = await openAddressDialog('report.bin');
  await dialog.getByLabel('New address').fill(bed.server.url('/new/report.bin'));
  await dialog.getByRole('button', { name: 'Change address' }).click();
  await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('The new address serves another file, or another version of it. Start over from there? The bytes on disk will be dropped.');
  await dialog.screenshot({ path: path.join(ARTIFACTS, 'address-other-file.png') });
  // Nothing changed yet: the part file is still there, the row still failed.
  expect(fs.existsSync(path.join(bed.downloads, 'report.bin.part'))).toBe(true);
  await dialog.getByRole('button', { name: 'Start over from there' }).click();
  await expect.poll(() => item('report.bin').textContent(), SLOW).toMatch(/Completed/);
  expect(sha256File(path.join(bed.downloads, 'report.bin'))).toBe(sha256(other.body));
});
