// The UI's words come from one catalog (renderer/src/i18n/en.ts); its numbers, sizes and dates are
// the user's locale's. A German browser shows "1,5 MB" and a German date, in the same English words.
import path from 'node:path';
import { expect, it } from 'vitest';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-locale');

it('formats sizes and dates for a German locale', async () => {
  bed.server.serve('/locale/report.bin', randomFile(1_500_000));
  const id = (await ferry(['add', bed.server.url('/locale/report.bin'), '-d', bed.downloads, '--home', bed.home])).stdout.trim();
  expect((await ferry(['wait', id, '--home', bed.home])).code).toBe(0);
  const context = await bed.browser.newContext({ locale: 'de-DE', viewport: { width: 1000, height: 700 } });
  try {
    const page = await context.newPage();
    await page.goto((await ferry(['ui', '--no-open', '--home', bed.home])).stdout.trim());
    const row = page.getByRole('row').filter({ hasText: 'report.bin' });
    await expect.poll(() => row.locator('.col-size').textContent(), { timeout: 15_000 }).toContain('1,5 MB');
    await page.getByRole('button', { name: 'Details of report.bin' }).click();
    const details = page.getByRole('dialog', { name: 'Details: report.bin' });
    // German dates: day first, dots, a 24-hour clock ("01.12.2026, 15:20"); English words around them.
    const text = await details.textContent();
    expect(text).toMatch(/Added\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    expect(text).toContain('1,5 MB of 1,5 MB');
    // A 12-hour clock ("6:57 PM") is wrong here; the letters alone may come in a random temp folder's name.
    expect(text).not.toMatch(/\d:\d{2}(:\d{2})?\s?(AM|PM)/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'locale-de.png') });
  } finally {
    await context.close();
  }
});
