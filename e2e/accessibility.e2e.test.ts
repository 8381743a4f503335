// axe-core over every screen a person meets, in light and dark: the main window, the add and upload
// forms, the group editor, each section of Settings, the row menu, the question before a removal, the details pane's
// tabs; then the window with the engine out of reach. No serious or critical violation (contrast
// of at least 4.5:1 included).
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { AxeBuilder } from '@axe-core/playwright';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const bed = useDaemonBed('ferry-e2e-axe');
const SLOW = { timeout: 20_000 };
const SETTINGS_SECTIONS = ['General', 'Transfers', 'Speed limits', 'Network and battery', 'Categories', 'Browsers', 'Appearance', 'Advanced'];
let page: Page;
const item = (name: string) => page.getByRole('grid', { name: 'Transfers' }).getByRole('row').filter({ hasText: name });

/** The serious and critical violations on the page now, as "rule: target" lines. */
async function violations(): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  // Checked for real: the contrast rule ran over the page's text.
  expect(result.passes.some((rule) => rule.id === 'color-contrast')).toBe(true);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`.trim()));
}

beforeAll(async () => {
  await ferry(['config', 'set', 'maxConcurrent', '1', '--home', bed.home]);
  // Still running when the last screen is walked, under load too (the question before removing asks only for unfinished ones).
  bed.server.serve('/a/running.bin', randomFile(50_000_000, { rate: 10_000 }));
  bed.server.serve('/a/waiting.bin', randomFile(10_000));
  // missing.bin is in a group, for the group editor's screen.
  await ferry(['group', 'create', 'walk', '--on-complete-notify', '--home', bed.home]);
  for (const name of ['running.bin', 'waiting.bin', 'missing.bin']) await ferry(['add', bed.server.url(`/a/${name}`), '-d', bed.downloads, ...(name === 'missing.bin' ? ['--group', 'walk'] : []), '--home', bed.home]);
  // AxeBuilder wants a page of a context it can reach (browser.newPage's is hidden from it).
  page = await (await bed.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(bed.daemon.url);
  await item('waiting.bin').waitFor(SLOW);
});

for (const theme of ['light', 'dark'] as const) {
  it(`finds nothing serious in ${theme}: the window, both forms, the group editor, every Settings section, the row menu, the removal question, the details pane`, async () => {
    await ferry(['config', 'set', 'theme', theme, '--home', bed.home]);
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe(theme);
    const found: Record<string, string[]> = {};
    found['window'] = await violations();
    // Every row selected: each state's colours on the selection's tint.
    await item('waiting.bin').locator('.col-size').click();
    await page.keyboard.press('Control+a');
    await expect.poll(() => page.getByRole('group', { name: 'Selected transfers' }).textContent()).toContain('3 selected');
    found['selected rows'] = await violations();
    await page.getByRole('button', { name: 'Add download' }).click();
    found['add form'] = await violations();
    await page.keyboard.press('Escape');
    await page.getByLabel('Upload files').setInputFiles([{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('notes') }]);
    await page.getByRole('dialog').waitFor();
    found['upload form'] = await violations();
    await page.keyboard.press('Escape');
    // The group editor, with a time window it refuses (the error's colours too).
    await page.getByRole('button', { name: 'Edit group walk…' }).click();
    await page.getByRole('dialog', { name: 'Group walk' }).getByRole('textbox', { name: 'Its transfers run only' }).fill('at night');
    await page.getByRole('dialog', { name: 'Group walk' }).getByRole('alert').waitFor();
    found['group editor'] = await violations();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Settings' }).click();
    for (const section of SETTINGS_SECTIONS) {
      await page.getByRole('tab', { name: section, exact: true }).click();
      found[`settings: ${section}`] = await violations();
    }
    await page.keyboard.press('Escape');
    await item('running.bin').locator('.col-size').click({ button: 'right' });
    await page.getByRole('menu').waitFor();
    found['row menu'] = await violations();
    await page.keyboard.press('Escape');
    // Delete on a running download asks first; the question is a screen too. Declined: it keeps running.
    await item('running.bin').locator('.col-size').click();
    await expect.poll(() => page.getByRole('group', { name: 'Selected transfers' }).textContent()).toContain('1 selected');
    await page.keyboard.press('Delete');
    await page
      .getByRole('dialog', { name: 'Remove running.bin?' })
      .waitFor()
      .catch(async (error: Error) => {
        // What the page showed instead, for the log: the row, the banners, any other dialog, the focus.
        const seen = { row: await item('running.bin').textContent(), alerts: await page.getByRole('alert').allTextContents(), dialogs: await page.getByRole('dialog').allTextContents(), focus: await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120)) };
        throw new Error(`${error.message}\n${JSON.stringify(seen)}`);
      });
    found['removal question'] = await violations();
    await page.keyboard.press('Escape');
    await item('running.bin').locator('.col-size').dblclick();
    await page.getByRole('region', { name: 'Details: running.bin' }).waitFor();
    found['details'] = await violations();
    await page.getByRole('region', { name: 'Details: running.bin' }).getByRole('tab', { name: 'History' }).click();
    found['details history'] = await violations();
    await page.getByRole('button', { name: 'Close the details' }).click();
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((screen) => [screen, []])));
    expect(Object.keys(found)).toHaveLength(9 + SETTINGS_SECTIONS.length);
  }, 240_000);
}

it('finds nothing serious in the window while the engine is out of reach, in light and dark', async () => {
  await bed.daemon.stop();
  await page.getByRole('alert').filter({ hasText: 'ferry daemon' }).waitFor(SLOW);
  const found: Record<string, string[]> = {};
  for (const theme of ['light', 'dark'] as const) {
    // Settings cannot be read now: the theme is set on the page as the window sets it.
    await page.evaluate((theme) => (document.documentElement.dataset['theme'] = theme), theme);
    found[theme] = await violations();
  }
  expect(found).toEqual({ light: [], dark: [] });
});
