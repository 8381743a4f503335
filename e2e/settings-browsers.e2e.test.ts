// Settings' Browsers in the browser UI against the daemon, whose user (HOME) is a folder of the
// test's own: with no browser there it says so; with a Chromium profile folder it lists Chromium
// "Not connected", Install writes Ferry's host manifest (starting this Ferry, only Ferry's
// extension allowed) and the row says "Connected"; a folder that cannot be written is said in
// words; Remove takes the files out again; the section speaks German in a German browser.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { AxeBuilder } from '@axe-core/playwright';
import { launchChromium } from './helpers/browser.ts';
import { tempDir } from '../test/helpers/engine.ts';
import { FERRY_BIN, ferry, startDaemon, type RunningDaemon } from '../test/helpers/cli.ts';
import { mountTmpfs, unmount } from '../test/helpers/tmpfs.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const NAME = 'app.ferry.native_host';
let userHome: string;
let ferryHome: string;
let daemon: RunningDaemon;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  userHome = tempDir('ferry-e2e-browsers-user-');
  ferryHome = tempDir('ferry-e2e-browsers-home-');
  daemon = await startDaemon(ferryHome, { HOME: userHome });
  browser = await launchChromium();
  // A context of its own: axe reaches only those (browser.newPage's is hidden from it).
  page = await (await browser.newContext({ viewport: { width: 1100, height: 720 } })).newPage();
  await page.goto(daemon.url);
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  for (const dir of [userHome, ferryHome]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function openBrowsers(on = page, words = { settings: 'Settings', browsers: 'Browsers' }) {
  await on.getByRole('button', { name: words.settings }).click();
  const settings = on.getByRole('dialog', { name: words.settings });
  await settings.getByRole('tab', { name: words.browsers }).click();
  return settings;
}

/** axe's serious and critical findings on the page now (contrast included), as "rule: target" lines. */
async function seriousViolations(on: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page: on }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

it('says so when no browser is found for the user', async () => {
  const settings = await openBrowsers();
  await expect.poll(() => settings.getByRole('tabpanel').getByRole('status').first().textContent()).toBe('No browser was found for your user on this computer (Chromium, Chrome, Edge, Brave, Firefox). Start one once, then open Settings again.');
  await settings.screenshot({ path: path.join(ARTIFACTS, 'settings-browsers-none.png') });
  await page.keyboard.press('Escape');
  await expect.poll(() => settings.count()).toBe(0);
});

it('installs the host for a Chromium profile folder, says "Connected", and Remove takes it out', async () => {
  fs.mkdirSync(path.join(userHome, '.config/chromium/Default'), { recursive: true });
  const settings = await openBrowsers();
  const row = settings.getByRole('listitem', { name: 'Chromium' });
  await expect.poll(() => row.getByRole('status').textContent()).toBe('Not connected');
  expect(await settings.getByRole('listitem').count()).toBe(1);

  await row.getByRole('button', { name: 'Install for Chromium' }).click();
  await expect.poll(() => row.getByRole('status').textContent()).toBe('Connected');
  const dir = path.join(userHome, '.config/chromium/NativeMessagingHosts');
  const launcher = path.join(dir, `${NAME}.sh`);
  expect(JSON.parse(fs.readFileSync(path.join(dir, `${NAME}.json`), 'utf8'))).toEqual({
    name: NAME,
    description: 'Ferry: downloads handed over by its browser extension',
    path: launcher,
    type: 'stdio',
    allowed_origins: ['chrome-extension://lomlonjpmidehfdblckpaokiailhhnpk/'],
  });
  // The launcher starts this Ferry (the daemon's Node and `ferry`) for the daemon's home.
  expect(fs.readFileSync(launcher, 'utf8')).toContain(`exec '${process.execPath}' '${fs.realpathSync(FERRY_BIN)}' --home '${ferryHome}' native-host "$@"`);
  await settings.screenshot({ path: path.join(ARTIFACTS, 'settings-browsers-connected.png') });
  expect(await seriousViolations(page)).toEqual([]);

  await row.getByRole('button', { name: 'Remove from Chromium' }).click();
  await expect.poll(() => row.getByRole('status').textContent()).toBe('Not connected');
  expect(fs.readdirSync(dir)).toEqual([]);
  await page.keyboard.press('Escape');
});

it('says in words when the folder cannot be written, and installs once it can', async (context) => {
  const dir = path.join(userHome, '.config/chromium/NativeMessagingHosts');
  if (!mountTmpfs(dir, 'ro,size=1m', 'read-only browser folder e2e')) return context.skip();
  try {
    const settings = await openBrowsers();
    const row = settings.getByRole('listitem', { name: 'Chromium' });
    await row.getByRole('button', { name: 'Install for Chromium' }).click();
    await expect.poll(() => row.getByRole('alert').textContent()).toBe(`That did not work: Ferry could not write the host for Chromium in ${dir}: the folder is not writable (EROFS)`);
    expect(await row.getByRole('status').textContent()).toBe('Not connected');
    await settings.screenshot({ path: path.join(ARTIFACTS, 'settings-browsers-refused.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
  } finally {
    unmount(dir);
  }
  const settings = await openBrowsers();
  const row = settings.getByRole('listitem', { name: 'Chromium' });
  await row.getByRole('button', { name: 'Install for Chromium' }).click();
  await expect.poll(() => row.getByRole('status').textContent()).toBe('Connected');
  expect(await row.getByRole('alert').count()).toBe(0);
});

it('speaks German in a German browser', async () => {
  const german = await (await browser.newContext({ locale: 'de-DE', viewport: { width: 1100, height: 720 } })).newPage();
  // A new context logs in with a new one-time URL, as a second browser would.
  await german.goto((await ferry(['ui', '--no-open', '--home', ferryHome])).stdout.trim());
  const settings = await openBrowsers(german, { settings: 'Einstellungen', browsers: 'Browser' });
  const row = settings.getByRole('listitem', { name: 'Chromium' });
  await expect.poll(() => row.getByRole('status').textContent()).toBe('Verbunden');
  expect(await row.getByRole('button').textContent()).toBe('Entfernen');
  await settings.screenshot({ path: path.join(ARTIFACTS, 'settings-browsers-de.png') });
  await german.context().close();
});
