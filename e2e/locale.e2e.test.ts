// A German browser gets the window in German (renderer/src/i18n/de.ts), with German numbers, sizes
// and dates; the language setting (Settings > Appearance, or `ferry config set language`) switches
// the words at once, without a reload, while numbers and dates stay the browser's locale's.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';
import { en } from '../renderer/src/i18n/en.ts';
import { de } from '../renderer/src/i18n/de.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-locale');
const SLOW = { timeout: 20_000 };
let context: BrowserContext;
let page: Page;
const item = (name: string) => page.getByRole('row').filter({ hasText: name });
const statusOf = (name: string) => item(name).locator('.col-status').textContent();
const add = async (file: string) => (await ferry(['add', bed.server.url(`/locale/${file}`), '-d', bed.downloads, '--home', bed.home])).stdout.trim();

/** How many lines the status bar's text takes: 1 when every piece of its words sits on one row (within a few pixels). */
async function statusBarLines(page: Page): Promise<number> {
  return page.locator('.status-bar').evaluate((bar) => {
    const tops: number[] = [];
    const walker = document.createTreeWalker(bar, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = document.createRange();
      text.selectNodeContents(node);
      for (const rect of text.getClientRects()) if (rect.width > 0) tops.push(rect.top);
    }
    return Math.max(...tops) - Math.min(...tops) > 10 ? 2 : 1;
  });
}

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

/** The English catalog's plain words that German says otherwise ("Pause all", "Speed"), by the key of each. */
function englishOnly(english: unknown, german: unknown, key = ''): Array<[key: string, words: string]> {
  if (typeof english === 'string') return english !== german && /\p{L}{3}/u.test(english) ? [[key, english]] : [];
  if (english === null || typeof english !== 'object') return [];
  return Object.entries(english).flatMap(([k, v]) => englishOnly(v, (german as Record<string, unknown>)[k], key ? `${key}.${k}` : k));
}
const ENGLISH = englishOnly(en, de).map(([key, words]) => [key, new RegExp(`(^|[^\\p{L}])${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u')] as const);

/** The English catalog words the page shows (visible text, names and tooltips): none, in a German window. */
async function englishShown(): Promise<string[]> {
  const shown = await page.evaluate(() =>
    [document.body.innerText, ...[...document.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap((el) => ['aria-label', 'title', 'placeholder'].map((a) => el.getAttribute(a) ?? ''))].join('\n'),
  );
  return ENGLISH.filter(([, pattern]) => pattern.test(shown)).map(([key]) => key);
}

/** The fields and labels of `dialog` that reach past its right edge (the longer German words widen them). */
async function pastTheEdge(dialog: Locator): Promise<string[]> {
  return dialog.evaluate((box) => {
    const edge = box.getBoundingClientRect().right - parseFloat(getComputedStyle(box).paddingRight) + 0.5;
    return [...box.querySelectorAll('label, input, select, textarea, button')].filter((el) => el.getBoundingClientRect().right > edge).map((el) => el.textContent || el.getAttribute('name') || el.tagName);
  });
}

beforeAll(async () => {
  bed.server.serve('/locale/report.bin', randomFile(1_500_000));
  bed.server.serve('/locale/missing.bin', randomFile(1000), Array.from({ length: 8 }, () => ({ kind: 'status' as const, code: 404 })));
  bed.server.serve('/locale/held.iso', randomFile(4_000_000, { rate: 20_000 }));
  bed.server.serve('/locale/moving.iso', randomFile(8_000_000, { rate: 40_000 }));
  // A group for the group editor's German walk.
  expect((await ferry(['group', 'create', 'abend', '--on-complete-notify', '--home', bed.home])).code).toBe(0);
  const report = (await ferry(['add', bed.server.url('/locale/report.bin'), '-d', bed.downloads, '--group', 'abend', '--home', bed.home])).stdout.trim();
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
  expect(await englishShown()).toEqual([]);
  // German words are longer: none of them may spill out of its button, header or status cell.
  for (const width of [1280, 1100]) {
    await page.setViewportSize({ width, height: 800 });
    expect(await overflowing(page.locator('.header-buttons > *, [role=columnheader] .cell-text, .col-status .status, .sidebar .cell-text'))).toEqual([]);
    // The status bar stays one line (its longer German words once took a second at 1100 px).
    expect(await statusBarLines(page)).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, `locale-de-${width}.png`) });
  }
  // At 800 px the columns give way to their floors (ellipses, as in English), but a button is never broken over two lines.
  await page.setViewportSize({ width: 800, height: 600 });
  expect(await overflowing(page.locator('.header-buttons > *'))).toEqual([]);
  expect(await statusBarLines(page)).toBe(1);
  await page.screenshot({ path: path.join(ARTIFACTS, 'locale-de-800.png') });
  await page.setViewportSize({ width: 1100, height: 800 });
});

it('shows the details in German, with a German date and "1,5 MB von 1,5 MB"', async () => {
  await page.getByRole('button', { name: 'Details zu report.bin' }).click();
  const details = page.getByRole('region', { name: 'Details: report.bin' });
  const text = await details.textContent();
  // German dates: day first, dots, a 24-hour clock ("01.12.2026, 15:20").
  expect(text).toMatch(/Hinzugefügt\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
  expect(text).toContain('1,5 MB von 1,5 MB');
  expect(text).toContain('ZustandFertig');
  expect(text).not.toMatch(/\d:\d{2}(:\d{2})?\s?(AM|PM)/);
  expect(await overflowing(details.locator('dt'), false)).toEqual([]);
  expect(await englishShown()).toEqual([]);
  await page.screenshot({ path: path.join(ARTIFACTS, 'locale-de-details.png') });
  await details.getByRole('button', { name: 'Schließen' }).first().click();
});

it('walks the other screens in German: the forms, the shortcuts, the row menu, a speed limit, a question, the group editor, the settings', async () => {
  const screen = async (name: string, dialog: Locator) => {
    await dialog.waitFor(SLOW);
    expect(await englishShown()).toEqual([]);
    expect(await overflowing(dialog.getByRole('button'))).toEqual([]);
    expect(await pastTheEdge(dialog)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, `locale-de-${name}.png`) });
  };
  await page.getByRole('button', { name: 'Download hinzufügen' }).click();
  const adding = page.getByRole('dialog', { name: 'Download hinzufügen' });
  await adding.getByText('Header und Zugangsdaten').click();
  await screen('add', adding);
  await adding.getByRole('button', { name: 'Schließen' }).click();

  const file = path.join(bed.downloads, 'bericht.pdf');
  fs.writeFileSync(file, 'x'.repeat(1000));
  await page.getByLabel('Dateien hochladen').setInputFiles([file]);
  const uploading = page.getByRole('dialog', { name: 'Dateien hochladen' });
  await screen('upload', uploading);
  await uploading.getByRole('button', { name: 'Schließen' }).click();

  await page.keyboard.press('?');
  const keys = page.getByRole('dialog', { name: 'Tastenkürzel' });
  await screen('shortcuts', keys);
  expect(await keys.textContent()).toContain('Strg+A');
  await page.keyboard.press('Escape');

  await item('moving.iso').locator('.col-status').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Aktionen für moving.iso' });
  await menu.waitFor();
  expect(await overflowing(menu.getByRole('menuitem'))).toEqual([]);
  expect(await englishShown()).toEqual([]);
  await page.screenshot({ path: path.join(ARTIFACTS, 'locale-de-row-menu.png') });
  await menu.getByRole('menuitem', { name: 'Geschwindigkeitslimit…' }).click();
  const limit = page.getByRole('dialog', { name: 'Geschwindigkeitslimit: moving.iso' });
  await screen('speed-limit', limit);
  await limit.getByRole('button', { name: 'Schließen' }).click();

  // Delete on a running download asks first, in German.
  await item('moving.iso').locator('.col-size').click();
  await page.keyboard.press('Delete');
  const question = page.getByRole('dialog', { name: 'moving.iso entfernen?' });
  await screen('remove-question', question);
  expect(await question.textContent()).toMatch(/Die Übertragung ist nicht fertig\. Die bisher heruntergeladenen [\d,]+ (kB|MB) werden gelöscht\./);
  await question.getByRole('button', { name: 'Behalten' }).click();

  // The group editor, with a time window it refuses in German words.
  await page.getByRole('button', { name: 'Gruppe abend bearbeiten…' }).click();
  const editor = page.getByRole('dialog', { name: 'Gruppe abend' });
  await editor.getByRole('textbox', { name: 'Ihre Übertragungen laufen nur' }).fill('mo 9-17');
  await editor.getByRole('alert').filter({ hasText: 'Ein Zeitfenster ist „[Tage] HH:MM-HH:MM“' }).waitFor();
  await screen('group-editor', editor);
  await editor.getByRole('button', { name: 'Schließen', exact: true }).click();

  await page.getByRole('button', { name: 'Einstellungen', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Einstellungen' });
  await settings.getByRole('tab', { name: /Geschwindigkeits/ }).click();
  await settings.getByRole('button', { name: 'Regel hinzufügen' }).click();
  await screen('settings-limits', settings);
  for (const tab of ['Allgemein', 'Übertragungen', 'Netzwerk und Akku', 'Erweitert']) {
    await settings.getByRole('tab', { name: tab }).click();
    expect(await englishShown()).toEqual([]);
  }
  await page.screenshot({ path: path.join(ARTIFACTS, 'locale-de-settings-advanced.png') });
  await settings.getByRole('button', { name: 'Schließen' }).click();
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
  const details = page.getByRole('region', { name: 'Details: report.bin' });
  const text = await details.textContent();
  expect(text).toMatch(/Added\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
  expect(text).toContain('1,5 MB of 1,5 MB');
  await page.screenshot({ path: path.join(ARTIFACTS, 'locale-en-on-de.png') });
  await details.getByRole('button', { name: 'Close' }).first().click();
  // Reloaded, it is English from the first paint (the setting remembered), not German until the settings arrive.
  await page.addInitScript(() => {
    const seen = window as unknown as { germanSeen: boolean };
    seen.germanSeen = false;
    new MutationObserver(() => {
      if (document.body?.textContent?.includes('Download hinzufügen')) seen.germanSeen = true;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.reload();
  await page.getByRole('button', { name: 'Add download' }).waitFor(SLOW);
  await expect.poll(() => statusOf('report.bin'), SLOW).toBe('Completed');
  expect(await page.evaluate(() => (window as unknown as { germanSeen: boolean }).germanSeen)).toBe(false);
  // Another client sets it back: the page follows, still without a reload.
  await ferry(['config', 'set', 'language', 'system', '--home', bed.home]);
  await page.getByRole('button', { name: 'Download hinzufügen' }).waitFor(SLOW);
  await expect.poll(() => statusOf('report.bin'), SLOW).toBe('Fertig');
  await context.close();
});
