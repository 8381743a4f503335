// Ferry's browser extension in Debian's Chromium (headless, its own profile), with the native host
// installed into that profile by `ferry integrate chromium --user-data-dir`: a click on a link to a
// file behind a cookie brings the file to Ferry (the daemon fetches it with the cookie; sha256) and
// the browser keeps no copy; Alt+click, and a Ferry that is not there or refuses, leave the
// download to the browser, which completes it. Screenshots of the popup and the options page.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomFile, sha256, type ServedFile } from '../test/helpers/fault-server.ts';
import { ferry, startDaemon } from '../test/helpers/cli.ts';
import { ARTIFACTS, useExtensionBed } from './helpers/extension-bed.ts';

const COOKIE = 'session=e2e-secret-cookie';

describe('the browser extension hands downloads to Ferry', () => {
  const bed = useExtensionBed('ferry-ext-e2e-');

  const browserDownloads = (url: string) => bed.chromium.worker.evaluate(async (u) => (await chrome.downloads.search({})).filter((d) => d.url === u), url);
  /** A page that sets the cookie and links to the file at `file` (served only with it). */
  const servePage = (name: string, file: ServedFile): string => {
    bed.server.serve(`/files/${name}`, { ...file, requireCookie: COOKIE });
    bed.server.serve(`/${name}.html`, { body: Buffer.from(`<!doctype html><title>${name}</title><a id="link" href="/files/${name}">${name}</a>`), headers: { 'content-type': 'text/html', 'set-cookie': `${COOKIE}; Path=/` } });
    return `/${name}.html`;
  };
  const click = async (pagePath: string, modifiers: Array<'Alt'> = []): Promise<void> => {
    const page = await bed.chromium.context.newPage();
    await page.goto(bed.server.url(pagePath));
    await page.click('#link', { modifiers });
  };

  /** Clicks the link to `name` and checks the browser downloaded it itself, and Ferry did not. */
  const browserKeeps = async (name: string, modifiers: Array<'Alt'> = []): Promise<void> => {
    const file = randomFile(200_000);
    await click(servePage(name, file), modifiers);
    const url = bed.server.url(`/files/${name}`);
    await expect.poll(async () => (await browserDownloads(url)).map((d) => d.state), { timeout: 30_000 }).toEqual(['complete']);
    expect(sha256(fs.readFileSync(path.join(bed.browserDir, name)))).toBe(sha256(file.body));
    expect((await bed.listed()).filter((t) => t.url === url)).toEqual([]);
  };

  /** Opens the popup, waits until it says Ferry cannot be reached, saves a screenshot; returns what it says. */
  const unreachablePopup = async (screenshot: string): Promise<string | null> => {
    const popup = await bed.chromium.context.newPage();
    await popup.setViewportSize({ width: 384, height: 160 });
    await popup.goto(`chrome-extension://${bed.chromium.extensionId}/popup.html`);
    await expect.poll(() => popup.locator('body').getAttribute('data-reachable'), { timeout: 10_000 }).toBe('false');
    await popup.screenshot({ path: path.join(ARTIFACTS, screenshot) });
    const said = await popup.locator('#status').textContent();
    await popup.close();
    return said;
  };

  it('runs the extension with the id the native host allows', () => {
    expect(bed.chromium.extensionId).toBe('lomlonjpmidehfdblckpaokiailhhnpk');
  });

  it('a click on a link to a file behind a cookie: Ferry downloads it with the cookie, the browser keeps nothing', async () => {
    const file = randomFile(400_000);
    await click(servePage('data.zip', file));
    const url = bed.server.url('/files/data.zip');
    await expect.poll(async () => (await bed.listed()).filter((t) => t.url === url).length, { timeout: 30_000 }).toBe(1);
    const transfer = (await bed.listed()).find((t) => t.url === url)!;
    expect((await ferry(['--home', bed.home, 'wait', transfer.id])).code).toBe(0);
    expect(sha256(fs.readFileSync(path.join(bed.ferryDir, 'data.zip')))).toBe(sha256(file.body));
    // The browser asked first (held at its file name), then Ferry with the same cookie and Referer.
    const requests = bed.server.requestsFor('/files/data.zip');
    expect(requests.map((r) => [r.status, r.cookie])).toEqual([
      [200, COOKIE],
      [200, COOKIE],
    ]);
    expect(requests[1]!.headers['referer']).toBe(bed.server.url('/data.zip.html'));
    expect(requests[1]!.headers['user-agent']).toContain('Chrome/');
    await expect.poll(() => browserDownloads(url), { timeout: 10_000 }).toEqual([]);
    expect(fs.readdirSync(bed.browserDir)).toEqual([]);
    expect(await bed.chromium.worker.evaluate(() => chrome.action.getTitle({}))).toBe('Ferry took data.zip');
    expect(bed.daemon.stderr()).not.toContain('e2e-secret-cookie');
  });

  it('the popup shows Ferry\'s active transfers with progress, and pauses and resumes them', async () => {
    const file = randomFile(3_000_000, { rate: 200_000 });
    await click(servePage('disk.iso', file));
    const url = bed.server.url('/files/disk.iso');
    await expect.poll(async () => (await bed.listed()).find((t) => t.url === url)?.state, { timeout: 30_000 }).toBe('running');
    const id = (await bed.listed()).find((t) => t.url === url)!.id;
    const popup = await bed.chromium.context.newPage();
    await popup.setViewportSize({ width: 384, height: 240 });
    await popup.goto(`chrome-extension://${bed.chromium.extensionId}/popup.html`);
    const row = popup.locator(`li[data-id="${id}"]`);
    await expect.poll(async () => row.locator('.name').textContent(), { timeout: 10_000 }).toBe('disk.iso');
    await expect.poll(async () => row.locator('button').textContent(), { timeout: 10_000 }).toBe('Pause');
    await popup.screenshot({ path: path.join(ARTIFACTS, 'extension-popup.png') });
    await row.locator('button').click();
    await expect.poll(async () => (await bed.listed()).find((t) => t.id === id)?.state, { timeout: 10_000 }).toBe('paused');
    await expect.poll(async () => row.locator('button').textContent(), { timeout: 10_000 }).toBe('Resume');
    await popup.screenshot({ path: path.join(ARTIFACTS, 'extension-popup-paused.png') });
    await row.locator('button').click();
    expect((await ferry(['--home', bed.home, 'wait', id])).code).toBe(0);
    expect(sha256(fs.readFileSync(path.join(bed.ferryDir, 'disk.iso')))).toBe(sha256(file.body));
    await popup.close();
  });

  it('the options page keeps its rules; a download from an excluded site stays with the browser', async () => {
    const options = await bed.chromium.context.newPage();
    await options.setViewportSize({ width: 720, height: 560 });
    await options.goto(`chrome-extension://${bed.chromium.extensionId}/options.html`);
    await expect.poll(() => options.locator('#min-size').inputValue(), { timeout: 10_000 }).toBe('5');
    await options.locator('#excluded').fill('downloads.invalid\n127.0.0.1');
    await options.locator('#save').click();
    await expect.poll(() => options.locator('#saved').textContent(), { timeout: 10_000 }).toBe('Saved.');
    await options.screenshot({ path: path.join(ARTIFACTS, 'extension-options.png') });
    const stored = await bed.chromium.worker.evaluate(async () => (await chrome.storage.local.get('catchSettings'))['catchSettings']);
    expect(stored).toMatchObject({ enabled: true, minSizeMB: 5, excludedHosts: ['downloads.invalid', '127.0.0.1'] });
    await browserKeeps('excluded.zip');
    // The link's tab came to the front; a tab behind does not animate, so Playwright could not click.
    await options.bringToFront();
    await options.locator('#excluded').fill('');
    await options.locator('#save').click();
    await expect.poll(async () => bed.chromium.worker.evaluate(async () => (await chrome.storage.local.get('catchSettings'))['catchSettings']), { timeout: 10_000 }).toMatchObject({ excludedHosts: [] });
    await options.close();
  });

  it('Alt+click lets the browser download it itself', async () => {
    await browserKeeps('bypass.zip', ['Alt']);
  });

  it('when Ferry refuses the download, the browser downloads it itself', async () => {
    await bed.refuseEveryAdd();
    await browserKeeps('refused.zip');
    expect(await bed.chromium.worker.evaluate(() => chrome.action.getTitle({}))).toMatch(/^Ferry could not take it; the browser downloads it instead \(the folder .* does not exist/);
    await bed.refuseNoMore();
  });

  it('the popup says when Ferry is not running (the host answers, no daemon behind it)', async () => {
    await bed.daemon.stop();
    expect(await unreachablePopup('extension-popup-not-running.png')).toBe('Ferry is not running. It starts by itself when a download is handed to it, or run "ferry daemon".');
    bed.daemon = await startDaemon(bed.home);
  });

  it('when Ferry\'s host is not installed, the browser downloads it itself, and the popup says Ferry is not reachable', async () => {
    expect((await ferry(['--home', bed.home, 'integrate', 'chromium', '--user-data-dir', bed.profile, '--remove'])).code).toBe(0);
    await browserKeeps('nohost.zip');
    expect(await unreachablePopup('extension-popup-unreachable.png')).toBe('Ferry is not reachable. Is it installed, with "ferry integrate" run for this browser?');
  });
});
