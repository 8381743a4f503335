// The add form marks each bad address line where it is (its number in the gutter, a band behind
// it), aligned with the text while it scrolls, with a description for screen readers; the list of
// problems stays below; nothing is queued until every line is good, then all are.
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { AxeBuilder } from '@axe-core/playwright';
import { ferry } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-marks');
let page: Page;

beforeAll(async () => {
  // AxeBuilder wants a page of a context it can reach (browser.newPage's is hidden from it).
  page = await (await bed.browser.newContext({ viewport: { width: 1100, height: 760 } })).newPage();
  await page.goto(bed.daemon.url);
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});

const urls = () => page.getByRole('textbox', { name: 'URL', exact: true });
const markedNumbers = () => page.locator('.url-gutter .bad').allTextContents();
const transferCount = async () => (await ferry(['ls', '--json', '--home', bed.home])).stdout.trim().split('\n').filter(Boolean).length;

it('marks the bad lines in place after Add, follows the text as it is fixed, then adds them all', async () => {
  const good = (n: number) => bed.server.url(`/f/file-${n}.bin`);
  await page.getByRole('button', { name: 'Add download' }).click();
  await urls().fill([good(1), 'not a url', good(3), 'mailto:someone@example.org', '', good(6)].join('\n'));
  expect(await markedNumbers()).toEqual([]);
  await page.getByRole('button', { name: 'Add', exact: true }).click();

  await expect.poll(markedNumbers).toEqual(['2', '4']);
  expect(await page.locator('.url-marks .bad').allTextContents()).toEqual(['not a url', 'mailto:someone@example.org']);
  expect(await page.getByRole('dialog').getByRole('alert').getByRole('listitem').allTextContents()).toEqual([
    'Line 2: "not a url" is not a valid URL.',
    expect.stringMatching(/^Line 4: only .* URLs can be downloaded\.$/),
  ]);
  expect(await urls().getAttribute('aria-invalid')).toBe('true');
  const described = (await urls().getAttribute('aria-describedby'))!.split(' ');
  expect(await page.locator(`[id="${described[0]}"]`).textContent()).toBe('Lines 2, 4 are marked: their problems are listed below the form.');
  expect(await transferCount()).toBe(0);
  await page.getByRole('dialog').screenshot({ path: path.join(ARTIFACTS, 'add-form-marks-light.png') });

  // Each band sits on its line of text.
  const lineBox = async (n: number) => (await page.locator('.url-marks div').nth(n - 1).boundingBox())!;
  const numberBox = async (n: number) => (await page.locator('.url-gutter > div > div').nth(n - 1).boundingBox())!;
  expect((await lineBox(2)).y).toBe((await numberBox(2)).y);

  // Fixing line 2 drops its mark at once; line 4 stays marked.
  await urls().fill([good(1), good(2), good(3), 'mailto:someone@example.org', '', good(6)].join('\n'));
  await expect.poll(markedNumbers).toEqual(['4']);
  await urls().fill([good(1), good(2), good(3), good(4), '', good(6)].join('\n'));
  await expect.poll(markedNumbers).toEqual([]);
  expect(await urls().getAttribute('aria-invalid')).toBe('false');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect.poll(transferCount).toBe(5);
});

it('keeps the marks on their lines while the text scrolls, light and dark, and at 800x600', async () => {
  const lines = Array.from({ length: 30 }, (_, i) => (i === 24 ? 'ftp//missing-colon' : bed.server.url(`/g/${i + 1}.bin`)));
  for (const [theme, size] of [['dark', { width: 1100, height: 760 }], ['light', { width: 800, height: 600 }]] as const) {
    await ferry(['config', 'set', 'theme', theme, '--home', bed.home]);
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe(theme);
    await page.setViewportSize(size);
    await page.getByRole('button', { name: 'Add download' }).click();
    await urls().fill(lines.join('\n'));
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(markedNumbers).toEqual(['25']);
    // Scrolled to line 25 by the reader: the gutter and the bands follow the text.
    await urls().evaluate((area) => (area.scrollTop = 20 * 23));
    // The text is taller than its field: it really scrolled.
    expect(await urls().evaluate((a) => a.scrollHeight > a.clientHeight && a.scrollTop > 0)).toBe(true);
    await expect.poll(() => page.locator('.url-gutter').evaluate((g) => g.scrollTop)).toBe(await urls().evaluate((a) => a.scrollTop));
    const area = (await urls().boundingBox())!;
    const band = (await page.locator('.url-marks .bad').boundingBox())!;
    const number = (await page.locator('.url-gutter .bad').boundingBox())!;
    expect(band.y).toBe(number.y);
    expect(band.y).toBeGreaterThanOrEqual(area.y);
    expect(band.y + band.height).toBeLessThanOrEqual(area.y + area.height);
    expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName, { x: band.x + band.width / 2, y: band.y + band.height / 2 })).toBe('TEXTAREA');
    await (size.width === 800 ? page : page.getByRole('dialog')).screenshot({ path: path.join(ARTIFACTS, `add-form-marks-scrolled-${theme}-${size.width}.png`) });
    // axe-core: nothing serious or critical in the form as it is now (contrast included).
    const axe = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.getByRole('button', { name: 'Close' }).click();
  }
  expect(await transferCount()).toBe(5);
});
