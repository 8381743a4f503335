// Proxies in the browser UI against the daemon: the add form's proxy field and login send a
// download through the proxy the test runs; Settings' proxy (its choice, URL and bypass list) is
// saved as the daemon's setting, and "This proxy" without a URL is refused in words; "Chosen by a PAC
// script" refuses an address that is not http, https or file:, saves the script's address, and a
// download then goes through the proxy the script names.
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { TestProxy } from '../test/helpers/http-proxy.ts';
import { throwawaySecret } from '../test/helpers/secrets.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-proxy');
const password = throwawaySecret();
let page: Page;
let proxy: TestProxy;

beforeAll(async () => {
  proxy = await new TestProxy({ username: 'erin', password }).start();
  bed.server.serve('/files/proxied.bin', randomFile(200_000));
  page = await bed.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(bed.daemon.url);
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});
afterAll(async () => {
  await proxy?.close();
});

it('sends a download through the proxy and login given in the add form', async () => {
  await page.getByRole('button', { name: 'Add download' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add download' });
  await dialog.getByLabel('URL').fill(bed.server.url('/files/proxied.bin'));
  await dialog.getByLabel('Folder').fill(bed.downloads);
  await dialog.getByText('Headers and credentials').click();
  await dialog.getByLabel('Proxy', { exact: true }).fill('ftp://127.0.0.1:21');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  expect(await dialog.getByRole('alert').first().textContent()).toMatch(/^The proxy must be "none" or a URL such as http:\/\/proxy\.example:3128/);
  await dialog.getByLabel('Proxy', { exact: true }).fill(proxy.url());
  await dialog.getByLabel('Proxy user name').fill('erin');
  await dialog.getByLabel('Proxy password').fill(password);
  await dialog.screenshot({ path: path.join(ARTIFACTS, 'proxy-add-form.png') });
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect.poll(() => dialog.count()).toBe(0);
  await expect.poll(() => page.getByRole('row').filter({ hasText: 'proxied.bin' }).filter({ hasText: 'Completed' }).count(), { timeout: 20_000 }).toBe(1);
  expect(proxy.seen).toEqual([`GET ${bed.server.url('/files/proxied.bin')}`]);
  expect(await page.content()).not.toContain(password);
});

it("saves Settings' proxy and bypass list; refuses \"This proxy\" without a URL", async () => {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('tab', { name: 'Network and battery' }).click();
  await settings.getByRole('combobox', { name: /^Proxy/ }).selectOption({ label: 'This proxy' });
  await settings.getByRole('button', { name: 'Save' }).click();
  expect(await settings.getByRole('alert').textContent()).toBe('Enter the proxy URL, or choose another proxy.');
  await settings.getByLabel(/^Proxy URL/).fill(proxy.url());
  await settings.getByLabel('Connect directly to').fill('localhost, .intranet.example');
  await settings.screenshot({ path: path.join(ARTIFACTS, 'settings-proxy.png') });
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => settings.count()).toBe(0);
  expect((await ferry(['config', 'get', 'proxy', '--home', bed.home])).stdout.trim()).toBe(proxy.url());
  expect((await ferry(['config', 'get', 'noProxy', '--home', bed.home])).stdout.trim()).toBe('localhost, .intranet.example');
});

it('saves the PAC mode and its address, refusing a bad one; the script then picks the proxy', async () => {
  const open = await new TestProxy().start();
  try {
    bed.server.serve('/files/proxy.pac', { body: Buffer.from(`function FindProxyForURL(url, host) { return "PROXY 127.0.0.1:${open.port}"; }`), etag: null, lastModified: null });
    bed.server.serve('/files/via-pac.bin', randomFile(100_000));
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('tab', { name: 'Network and battery' }).click();
    await settings.getByRole('combobox', { name: /^Proxy/ }).selectOption({ label: 'Chosen by a PAC script' });
    await settings.getByLabel(/^PAC script address/).fill('ftp://127.0.0.1/proxy.pac');
    await settings.getByRole('button', { name: 'Save' }).click();
    expect(await settings.getByRole('alert').textContent()).toMatch(/^Enter the PAC script's address as an http:\/\/, https:\/\/ or file:\/\/ URL/);
    await settings.getByLabel(/^PAC script address/).fill(bed.server.url('/files/proxy.pac'));
    await settings.getByLabel('Connect directly to').fill('');
    await settings.screenshot({ path: path.join(ARTIFACTS, 'settings-proxy-pac.png') });
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => settings.count()).toBe(0);
    expect((await ferry(['config', 'get', 'proxy', '--home', bed.home])).stdout.trim()).toBe('pac');
    expect((await ferry(['config', 'get', 'pacUrl', '--home', bed.home])).stdout.trim()).toBe(bed.server.url('/files/proxy.pac'));
    const added = await ferry(['add', bed.server.url('/files/via-pac.bin'), '-d', bed.downloads, '--wait', '--home', bed.home]);
    expect(added.code, added.stderr).toBe(0);
    expect(open.seen).toEqual([`GET ${bed.server.url('/files/via-pac.bin')}`]);
  } finally {
    await open.close();
  }
});
