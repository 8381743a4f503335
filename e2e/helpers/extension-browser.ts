// Debian's Chromium with Ferry's extension loaded, headless, in a profile of its own, driven by
// Playwright over CDP. Why not launchPersistentContext: Playwright then takes over downloads
// (Browser.setDownloadBehavior: saved under a GUID in its own folder, or denied), and such a
// download never reaches the extension's downloads.onDeterminingFilename, which is where the
// extension holds a download while it asks Ferry. connectOverCDP with noDefaults leaves downloads
// to the browser, as a user's browser has them.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { chromium, type Browser, type BrowserContext, type Worker } from 'playwright';
import { findChromium } from './browser.ts';

export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../../dist/extension/chromium');

export interface ExtensionBrowser {
  browser: Browser;
  context: BrowserContext;
  /** The extension's service worker (to read chrome.downloads as the extension sees them). */
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/** Starts Chromium on `profile`, saving its own downloads into `downloads`. */
export async function launchWithExtension(profile: string, downloads: string): Promise<ExtensionBrowser> {
  const executable = findChromium();
  if (!executable) throw new Error('Chromium is not installed: apt-get install chromium (the browser e2e tests need it), or set CHROMIUM_PATH');
  if (!fs.existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) throw new Error('the extension is not built: npm run build');
  fs.mkdirSync(path.join(profile, 'Default'), { recursive: true });
  fs.writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ download: { default_directory: downloads, prompt_for_download: false, directory_upgrade: true } }));
  const child = spawn(
    executable,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await devtoolsEndpoint(child);
  const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true, isLocal: true });
  const context = browser.contexts()[0]!;
  const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    browser,
    context,
    worker,
    extensionId,
    close: async () => {
      await browser.close().catch(() => undefined);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

function devtoolsEndpoint(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const lines = readline.createInterface({ input: child.stderr! });
    lines.on('line', (line) => {
      seen += `${line}\n`;
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before it listened: ${seen}`)));
  });
}
