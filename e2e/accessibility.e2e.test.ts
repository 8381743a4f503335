// axe-core over the main window, the add form, Settings and the details pane, in light and dark:
// no serious or critical violation (contrast of at least 4.5:1 included).
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { AxeBuilder } from '@axe-core/playwright';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const bed = useDaemonBed('ferry-e2e-axe');
const SLOW = { timeout: 20_000 };
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
  bed.server.serve('/a/running.bin', randomFile(5_000_000, { rate: 50_000 }));
  bed.server.serve('/a/waiting.bin', randomFile(10_000));
  for (const name of ['running.bin', 'waiting.bin', 'missing.bin']) await ferry(['add', bed.server.url(`/a/${name}`), '-d', bed.downloads, '--home', bed.home]);
  // AxeBuilder wants a page of a context it can reach (browser.newPage's is hidden from it).
  page = await (await bed.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(bed.daemon.url);
  await item('waiting.bin').waitFor(SLOW);
});

for (const theme of ['light', 'dark'] as const) {
  it(`finds nothing serious in ${theme}: the window, the add form, Settings, the details pane`, async () => {
    await ferry(['config', 'set', 'theme', theme, '--home', bed.home]);
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe(theme);
    const found: Record<string, string[]> = {};
    found['window'] = await violations();
    await page.getByRole('button', { name: 'Add download' }).click();
    found['add form'] = await violations();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Settings' }).click();
    found['settings'] = await violations();
    await page.keyboard.press('Escape');
    await item('running.bin').locator('.col-size').dblclick();
    await page.getByRole('region', { name: 'Details: running.bin' }).waitFor();
    found['details'] = await violations();
    await page.getByRole('region', { name: 'Details: running.bin' }).getByRole('tab', { name: 'History' }).click();
    found['details history'] = await violations();
    await page.getByRole('button', { name: 'Close the details' }).click();
    expect(found).toEqual({ window: [], 'add form': [], settings: [], details: [], 'details history': [] });
  });
}
