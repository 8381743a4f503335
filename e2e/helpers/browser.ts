// Debian's Chromium driven by Playwright (`npx playwright install` cannot download here).
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright';

export function findChromium(): string | null {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((c): c is string => Boolean(c && fs.existsSync(c))) ?? null;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium is not installed: apt-get install chromium (the browser e2e tests need it), or set CHROMIUM_PATH');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      // The UI speaks the browser's language (German for de-*): the tests' words are English
      // whatever the machine's LANG; a test wanting another gives its context a locale.
      '--lang=en-US',
    ],
  });
}
