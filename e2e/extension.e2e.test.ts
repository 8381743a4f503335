// Ferry's browser extension in Debian's Chromium (headless, its own profile), with the native host
// installed into that profile by `ferry integrate chromium --user-data-dir`: a click on a link to a
// file behind a cookie brings the file to Ferry (the daemon fetches it with the cookie; sha256) and
// the browser keeps no copy; Alt+click, and a Ferry that is not there or refuses, leave the
// download to the browser, which completes it. Screenshots of the popup and the options page.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256, type ServedFile } from '../test/helpers/fault-server.ts';
import { tempDir } from '../test/helpers/engine.ts';
import { ferry, startDaemon, type RunningDaemon } from '../test/helpers/cli.ts';
import { launchWithExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const COOKIE = 'session=e2e-secret-cookie';

interface Listed {
  id: string;
  url: string;
  state: string;
}

describe('the browser extension hands downloads to Ferry', () => {
  let server: FaultServer;
  let daemon: RunningDaemon;
  let chromium: ExtensionBrowser;
  const root = tempDir('ferry-ext-e2e-');
  const home = path.join(root, 'home');
  const profile = path.join(root, 'profile');
  const ferryDir = path.join(root, 'ferry-downloads');
  const browserDir = path.join(root, 'browser-downloads');

  const listed = async (): Promise<Listed[]> => {
    const run = await ferry(['--home', home, 'ls', '--json']);
    expect(run.code).toBe(0);
    return run.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Listed);
  };
  const browserDownloads = (url: string) => chromium.worker.evaluate(async (u) => (await chrome.downloads.search({})).filter((d) => d.url === u), url);
  /** A page that sets the cookie and links to the file at `file` (served only with it). */
  const servePage = (name: string, file: ServedFile): string => {
    server.serve(`/files/${name}`, { ...file, requireCookie: COOKIE });
    server.serve(`/${name}.html`, { body: Buffer.from(`<!doctype html><title>${name}</title><a id="link" href="/files/${name}">${name}</a>`), headers: { 'content-type': 'text/html', 'set-cookie': `${COOKIE}; Path=/` } });
    return `/${name}.html`;
  };
  const click = async (pagePath: string, modifiers: Array<'Alt'> = []): Promise<void> => {
    const page = await chromium.context.newPage();
    await page.goto(server.url(pagePath));
    await page.click('#link', { modifiers });
  };

  /** Clicks the link to `name` and checks the browser downloaded it itself, and Ferry did not. */
  const browserKeeps = async (name: string, modifiers: Array<'Alt'> = []): Promise<void> => {
    const file = randomFile(200_000);
    await click(servePage(name, file), modifiers);
    const url = server.url(`/files/${name}`);
    await expect.poll(async () => (await browserDownloads(url)).map((d) => d.state), { timeout: 30_000 }).toEqual(['complete']);
    expect(sha256(fs.readFileSync(path.join(browserDir, name)))).toBe(sha256(file.body));
    expect((await listed()).filter((t) => t.url === url)).toEqual([]);
  };

  /** Opens the popup, waits until it says Ferry cannot be reached, saves a screenshot; returns what it says. */
  const unreachablePopup = async (screenshot: string): Promise<string | null> => {
    const popup = await chromium.context.newPage();
    await popup.setViewportSize({ width: 384, height: 160 });
    await popup.goto(`chrome-extension://${chromium.extensionId}/popup.html`);
    await expect.poll(() => popup.locator('body').getAttribute('data-reachable'), { timeout: 10_000 }).toBe('false');
    await popup.screenshot({ path: path.join(ARTIFACTS, screenshot) });
    const said = await popup.locator('#status').textContent();
    await popup.close();
    return said;
  };

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    for (const dir of [ferryDir, browserDir]) fs.mkdirSync(dir, { recursive: true });
    server = await new FaultServer().start();
    daemon = await startDaemon(home);
    expect((await ferry(['--home', home, 'config', 'set', 'downloadDir', ferryDir])).code).toBe(0);
    expect((await ferry(['--home', home, 'integrate', 'chromium', '--user-data-dir', profile])).code).toBe(0);
    chromium = await launchWithExtension(profile, browserDir);
  });
  afterAll(async () => {
    await chromium?.close();
    await daemon?.stop();
    await server?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('runs the extension with the id the native host allows', () => {
    expect(chromium.extensionId).toBe('lomlonjpmidehfdblckpaokiailhhnpk');
  });

  it('a click on a link to a file behind a cookie: Ferry downloads it with the cookie, the browser keeps nothing', async () => {
    const file = randomFile(400_000);
    await click(servePage('data.zip', file));
    const url = server.url('/files/data.zip');
    await expect.poll(async () => (await listed()).filter((t) => t.url === url).length, { timeout: 30_000 }).toBe(1);
    const transfer = (await listed()).find((t) => t.url === url)!;
    expect((await ferry(['--home', home, 'wait', transfer.id])).code).toBe(0);
    expect(sha256(fs.readFileSync(path.join(ferryDir, 'data.zip')))).toBe(sha256(file.body));
    // The browser asked first (held at its file name), then Ferry with the same cookie and Referer.
    const requests = server.requestsFor('/files/data.zip');
    expect(requests.map((r) => [r.status, r.cookie])).toEqual([
      [200, COOKIE],
      [200, COOKIE],
    ]);
    expect(requests[1]!.headers['referer']).toBe(server.url('/data.zip.html'));
    expect(requests[1]!.headers['user-agent']).toContain('Chrome/');
    await expect.poll(() => browserDownloads(url), { timeout: 10_000 }).toEqual([]);
    expect(fs.readdirSync(browserDir)).toEqual([]);
    expect(await chromium.worker.evaluate(() => chrome.action.getTitle({}))).toBe('Ferry took data.zip');
    expect(daemon.stderr()).not.toContain('e2e-secret-cookie');
  });

  it('the popup shows Ferry\'s active transfers with progress, and pauses and resumes them', async () => {
    const file = randomFile(3_000_000, { rate: 200_000 });
    await click(servePage('disk.iso', file));
    const url = server.url('/files/disk.iso');
    await expect.poll(async () => (await listed()).find((t) => t.url === url)?.state, { timeout: 30_000 }).toBe('running');
    const id = (await listed()).find((t) => t.url === url)!.id;
    const popup = await chromium.context.newPage();
    await popup.setViewportSize({ width: 384, height: 240 });
    await popup.goto(`chrome-extension://${chromium.extensionId}/popup.html`);
    const row = popup.locator(`li[data-id="${id}"]`);
    await expect.poll(async () => row.locator('.name').textContent(), { timeout: 10_000 }).toBe('disk.iso');
    await expect.poll(async () => row.locator('button').textContent(), { timeout: 10_000 }).toBe('Pause');
    await popup.screenshot({ path: path.join(ARTIFACTS, 'extension-popup.png') });
    await row.locator('button').click();
    await expect.poll(async () => (await listed()).find((t) => t.id === id)?.state, { timeout: 10_000 }).toBe('paused');
    await expect.poll(async () => row.locator('button').textContent(), { timeout: 10_000 }).toBe('Resume');
    await popup.screenshot({ path: path.join(ARTIFACTS, 'extension-popup-paused.png') });
    await row.locator('button').click();
    expect((await ferry(['--home', home, 'wait', id])).code).toBe(0);
    expect(sha256(fs.readFileSync(path.join(ferryDir, 'disk.iso')))).toBe(sha256(file.body));
    await popup.close();
  });

  it('the options page keeps its rules; a download from an excluded site stays with the browser', async () => {
    const options = await chromium.context.newPage();
    await options.setViewportSize({ width: 720, height: 560 });
    await options.goto(`chrome-extension://${chromium.extensionId}/options.html`);
    await expect.poll(() => options.locator('#min-size').inputValue(), { timeout: 10_000 }).toBe('5');
    await options.locator('#excluded').fill('downloads.invalid\n127.0.0.1');
    await options.locator('#save').click();
    await expect.poll(() => options.locator('#saved').textContent(), { timeout: 10_000 }).toBe('Saved.');
    await options.screenshot({ path: path.join(ARTIFACTS, 'extension-options.png') });
    const stored = await chromium.worker.evaluate(async () => (await chrome.storage.local.get('catchSettings'))['catchSettings']);
    expect(stored).toMatchObject({ enabled: true, minSizeMB: 5, excludedHosts: ['downloads.invalid', '127.0.0.1'] });
    await browserKeeps('excluded.zip');
    // The link's tab came to the front; a tab behind does not animate, so Playwright could not click.
    await options.bringToFront();
    await options.locator('#excluded').fill('');
    await options.locator('#save').click();
    await expect.poll(async () => chromium.worker.evaluate(async () => (await chrome.storage.local.get('catchSettings'))['catchSettings']), { timeout: 10_000 }).toMatchObject({ excludedHosts: [] });
    await options.close();
  });

  it('Alt+click lets the browser download it itself', async () => {
    await browserKeeps('bypass.zip', ['Alt']);
  });

  it('when Ferry refuses the download, the browser downloads it itself', async () => {
    // A download folder that became a file: every add is refused (FileAccessDenied).
    const gone = path.join(root, 'gone');
    fs.mkdirSync(gone);
    expect((await ferry(['--home', home, 'config', 'set', 'downloadDir', gone])).code).toBe(0);
    fs.rmdirSync(gone);
    fs.writeFileSync(gone, '');
    await browserKeeps('refused.zip');
    expect(await chromium.worker.evaluate(() => chrome.action.getTitle({}))).toMatch(/^Ferry could not take it; the browser downloads it instead \(FileAccessDenied: /);
    expect((await ferry(['--home', home, 'config', 'set', 'downloadDir', ferryDir])).code).toBe(0);
  });

  it('the popup says when Ferry is not running (the host answers, no daemon behind it)', async () => {
    await daemon.stop();
    expect(await unreachablePopup('extension-popup-not-running.png')).toBe('Ferry is not running. It starts by itself when a download is handed to it, or run "ferry daemon".');
    daemon = await startDaemon(home);
  });

  it('when Ferry\'s host is not installed, the browser downloads it itself, and the popup says Ferry is not reachable', async () => {
    expect((await ferry(['--home', home, 'integrate', 'chromium', '--user-data-dir', profile, '--remove'])).code).toBe(0);
    await browserKeeps('nohost.zip');
    expect(await unreachablePopup('extension-popup-unreachable.png')).toBe('Ferry is not reachable. Is it installed, with "ferry integrate" run for this browser?');
  });
});
