// FTP in the browser twin: an ftp:// URL typed in the add form is downloaded from an FTP server
// (ftp-srv) on 127.0.0.1, a scheme Ferry does not download is refused in the form naming the ones
// it does, and Settings' FTP encryption reaches the daemon's ftpTls setting.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { sha256File, tempDir, writeRandomFile } from '../test/helpers/engine.ts';
import { ferry } from '../test/helpers/cli.ts';
import { FtpTestServer } from '../test/helpers/ftp-server.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');

const bed = useDaemonBed('ferry-e2e-ftp');
const root = tempDir('ferry-e2e-ftp-root-');
let server: FtpTestServer;
let page: Page;

beforeAll(async () => {
  server = await new FtpTestServer(root).start();
  page = await bed.browser.newPage({ viewport: { width: 1100, height: 640 } });
  await page.goto(bed.daemon.url);
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});

afterAll(async () => {
  await server.close();
  fs.rmSync(root, { recursive: true, force: true });
});

it('downloads an ftp:// URL typed in the add form; refuses gopher:// there, naming what it takes', async () => {
  const file = writeRandomFile(root, 'from-ftp.bin', 700_000);
  await page.getByRole('button', { name: 'Add download' }).click();
  await page.getByLabel('URL').fill('gopher://127.0.0.1/x');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect.poll(() => page.getByRole('dialog').getByRole('alert').textContent()).toBe('only http, https, ftp and ftps URLs can be downloaded.');
  // Several bad lines: each said at once, with its line.
  await page.getByLabel('URL').fill(`${server.url('/x.bin')}\nnot a url\ngopher://127.0.0.1/x`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect.poll(() => page.getByRole('dialog').getByRole('alert').getByRole('listitem').allTextContents()).toEqual([
    'Line 2: "not a url" is not a valid URL.',
    'Line 3: only http, https, ftp and ftps URLs can be downloaded.',
  ]);
  await page.getByRole('dialog').screenshot({ path: path.join(ARTIFACTS, 'add-form-bad-lines.png') });
  await page.getByLabel('URL').fill(server.url('/from-ftp.bin'));
  await page.getByLabel('Folder').fill(bed.downloads);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect.poll(() => page.getByRole('row').filter({ hasText: 'from-ftp.bin' }).textContent(), { timeout: 20_000 }).toContain('Completed');
  expect(sha256File(path.join(bed.downloads, 'from-ftp.bin'))).toBe(sha256File(file));
  expect(server.readsOf('from-ftp.bin')).toEqual([0]);
});

it("Settings' FTP encryption sets ftpTls", async () => {
  expect((await ferry(['config', 'get', 'ftpTls', '--home', bed.home])).stdout.trim()).toBe('auto');
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('tab', { name: 'Network and battery' }).click();
  await settings.getByLabel('FTP encryption (TLS)').selectOption('require');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect.poll(async () => (await ferry(['config', 'get', 'ftpTls', '--home', bed.home])).stdout.trim(), { timeout: 10_000 }).toBe('require');
});
