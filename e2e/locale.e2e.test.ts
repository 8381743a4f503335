// A German browser gets the window in German (renderer/src/i18n/de.ts), with German numbers, sizes
// and dates; the language setting (Settings > Appearance, or `ferry config set language`) switches
// the words at once, without a reload, while numbers and dates stay the browser's locale's.
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-locale');
const SLOW = { timeout: 20_000 };
let context: BrowserContext;
let page: Page;
const item = (name: string) => page.getByRole('row').filter({ hasText: name });
const statusOf = (name: string) => item(name).locator('.col-status').textContent();
const add = async (file: string) => (await ferry(['add', bed.server.url(`/locale/${file}`), '-d', bed.downloads, '--home', bed.home])).stdout.trim();

/**
 * The texts of `elements` that do not fit their box: wider than it (cut, or spilling over its edge)
 * or, when `oneLine`, wrapped onto a second line.
 */
async function overflowing(elements: Locator, oneLine = true): Promise<string[]> {
  return elements.evaluateAll(
    (all, oneLine) =>
      all
        .filter((el) => {
          const style = getComputedStyle(el);
          const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4;
          const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) + parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
          // The text's own extent, to the fraction of a pixel (scrollWidth rounds).
          const text = document.createRange();
          text.selectNodeContents(el);
          const spills = text.getBoundingClientRect().right > el.getBoundingClientRect().right - parseFloat(style.paddingRight) + 0.5;
          return spills || el.scrollWidth > el.clientWidth + 1 || (oneLine && el.getBoundingClientRect().height - padding > line * 1.5);
        })
        .map((el) => el.textContent ?? ''),
    oneLine,
  );
}

beforeAll(async () => {
  bed.server.serve('/locale/report.bin', randomFile(1_500_000));
  bed.server.serve('/locale/missing.bin', randomFile(1000), Array.from({ length: 8 }, () => ({ kind: 'status' as const, code: 404 })));
  bed.server.serve('/locale/held.iso', randomFile(4_000_000, { rate: 20_000 }));
  bed.server.serve('/locale/moving.iso', randomFile(8_000_000, { rate: 40_000 }));
  const report = await add('report.bin');
  expect((await ferry(['wait', report, '--home', bed.home])).code).toBe(0);
  expect((await ferry(['wait', await add('missing.bin'), '--home', bed.home])).code).not.toBe(0);
  await ferry(['pause', await add('held.iso'), '--home', bed.home]);
  await add('moving.iso');
  context = await bed.browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  await page.goto((await ferry(['ui', '--no-open', '--home', bed.home])).stdout.trim());
});

it('shows a German browser the window in German: header, table, states, an error sentence, with German numbers', async () => {
  await page.getByRole('button', { name: 'Download hinzufügen' }).waitFor(SLOW);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
  for (const name of ['Alle pausieren', 'Alle fortsetzen', 'Fertige entfernen', 'Einstellungen']) await page.getByRole('button', { name, exact: true }).waitFor();
  expect((await page.getByRole('columnheader').allTextContents()).map((h) => h.trim()).filter(Boolean)).toEqual(['Name', 'Größe', 'Fortschritt', 'Tempo', 'Restzeit', 'Status', 'Hinzugefügt']);
  await expect.poll(() => statusOf('report.bin'), SLOW).toBe('Fertig');
  expect(await item('report.bin').locator('.col-size').textContent()).toBe('1,5 MB');
  await expect.poll(() => statusOf('held.iso'), SLOW).toBe('Pausiert');
  await expect.poll(() => statusOf('missing.bin'), SLOW).toBe('FehlgeschlagenLaut Server gibt es diese Datei nicht (404).');
  await expect.poll(() => statusOf('moving.iso'), SLOW).toBe('Wird heruntergeladen');
  // German words are longer: none of them may spill out of its button, header or status cell.
  for (const width of [1280, 1100]) {
    await page.setViewportSize({ width, height: 800 });
    expect(await overflowing(page.locator('.header-buttons > *, [role=columnheader] .cell-text, .col-status .status, .sidebar .cell-text'))).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, `locale-de-${width}.png`) });
  }
});

it('shows the details in German, with a German date and "1,5 MB von 1,5 MB"', async () => {
  await page.getByRole('button', { name: 'Details zu report.bin' }).click();
  const details = page.getByRole('dialog', { name: 'Details: report.bin' });
  const text = await details.textContent();
  // German dates: day first, dots, a 24-hour clock ("01.12.2026, 15:20").
  expect(text).toMatch(/Hinzugefügt\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
  expect(text).toContain('1,5 MB von 1,5 MB');
  expect(text).toContain('ZustandFertig');
  expect(text).not.toMatch(/\d:\d{2}(:\d{2})?\s?(AM|PM)/);
  expect(await overflowing(details.locator('dt'), false)).toEqual([]);
  await page.screenshot({ path: path.join(ARTIFACTS, 'locale-de-details.png') });
  await details.getByRole('button', { name: 'Schließen' }).first().click();
});

it('switches to English from Settings > Appearance at once, keeping German numbers, and back to German from the command line', async () => {
  await page.getByRole('button', { name: 'Einstellungen', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Einstellungen' });
  await settings.getByRole('tab', { name: 'Darstellung' }).click();
  const language = settings.getByLabel('Sprache');
  expect(await language.inputValue()).toBe('system');
  expect(await language.locator('option').allTextContents()).toEqual(['Wie das System', 'English', 'Deutsch']);
  expect(await overflowing(settings.getByRole('tab'), false)).toEqual([]);
  await page.screenshot({ path: path.join(ARTIFACTS, 'locale-de-settings.png') });
  await language.selectOption('en');
  await settings.getByRole('button', { name: 'Speichern' }).click();
  // No reload: the same page now speaks English.
  await page.getByRole('button', { name: 'Add download' }).waitFor(SLOW);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  expect((await ferry(['config', 'get', 'language', '--home', bed.home])).stdout.trim()).toBe('en');
  await expect.poll(() => statusOf('report.bin'), SLOW).toBe('Completed');
  await expect.poll(() => statusOf('held.iso'), SLOW).toBe('Paused');
  expect(await statusOf('missing.bin')).toBe('FailedThe server says this file does not exist (404).');
  await page.getByRole('button', { name: 'Details of report.bin' }).click();
  const details = page.getByRole('dialog', { name: 'Details: report.bin' });
  const text = await details.textContent();
  expect(text).toMatch(/Added\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
  expect(text).toContain('1,5 MB of 1,5 MB');
  await page.screenshot({ path: path.join(ARTIFACTS, 'locale-en-on-de.png') });
  await details.getByRole('button', { name: 'Close' }).first().click();
  // Another client sets it back: the page follows, still without a reload.
  await ferry(['config', 'set', 'language', 'system', '--home', bed.home]);
  await page.getByRole('button', { name: 'Download hinzufügen' }).waitFor(SLOW);
  await expect.poll(() => statusOf('report.bin'), SLOW).toBe('Fertig');
  await context.close();
});
