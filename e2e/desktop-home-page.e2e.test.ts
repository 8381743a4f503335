// A browser page on the desktop app's home (the app's engine and local API in this process, its
// Electron parts injected, the app's built renderer): Settings shows the aria2 RPC section as the
// daemon's does, with where the app keeps the secret; once the app is gone, the banner says to
// start the desktop app again, not `ferry daemon`.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from './helpers/browser.ts';
import { tempDir } from '../test/helpers/engine.ts';
import { ferry } from '../test/helpers/cli.ts';
import { claimDesktopHome, serveDesktopHome, type DesktopHome } from '../electron/main/desktop-home.ts';
import { desktopAria2Secret } from '../electron/main/desktop-aria2-secret.ts';
import { APP_RENDERER, desktopIntegrations, desktopService, DESKTOP_START, xorStorage } from '../test/helpers/desktop-home.ts';
import type { TransferService } from '../electron/engine/transfer-service.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
let home: string;
let downloads: string;
let service: TransferService;
let local: DesktopHome | null;
let release: () => Promise<void>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  home = tempDir('ferry-e2e-desk-page-home-');
  downloads = tempDir('ferry-e2e-desk-page-dl-');
  release = await claimDesktopHome(home, () => undefined);
  service = await desktopService(home, downloads);
  local = await serveDesktopHome(service, {
    home,
    integrations: desktopIntegrations(home, tempDir('ferry-e2e-desk-page-user-')),
    start: DESKTOP_START,
    rendererDir: APP_RENDERER,
    quit: () => undefined,
    aria2Secret: desktopAria2Secret(home, xorStorage, () => undefined),
    warn: () => undefined,
    info: () => undefined,
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const ui = await ferry(['--home', home, 'ui', '--no-open']);
  await page.goto(ui.stdout.trim());
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await service.shutdown();
  await local?.close();
  await release();
  for (const dir of [home, downloads]) fs.rmSync(dir, { recursive: true, force: true });
});

it("Settings shows the aria2 RPC section on the app's home, with where the app keeps the secret", async () => {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('tab', { name: 'Advanced' }).click();
  await expect.poll(() => settings.getByLabel(/^Answer aria2's JSON-RPC/).count()).toBe(1);
  expect(await settings.getByText('kept encrypted like the app').count()).toBe(1);
  expect(await settings.getByText('does not answer aria2 RPC yet').count()).toBe(0);
  await settings.screenshot({ path: path.join(ARTIFACTS, 'desktop-home-settings-aria2.png') });
  await page.keyboard.press('Escape');
  await expect.poll(() => settings.count()).toBe(0);
});

it('says to start the desktop app again when the app is gone', async () => {
  await local!.close();
  local = null;
  await expect.poll(() => page.getByText('Not connected to Ferry').count(), { timeout: 10_000 }).toBe(1);
  const banner = page.getByRole('alert').filter({ hasText: 'Not connected to Ferry' });
  expect(await banner.textContent()).toContain('served by the Ferry desktop app');
  expect(await banner.textContent()).not.toContain('ferry daemon');
  await page.screenshot({ path: path.join(ARTIFACTS, 'desktop-home-disconnected.png') });
});
