// The list stays where it is (issue 19: "a banner or an error never moves the list under the
// pointer"): the notice, the when-done countdown and the link lost come and go over the list's
// bottom, at 1280 and 800 px, light and dark, and no row moves by a pixel; the column widths a
// user left are the ones of the first frame after a reload, with no jump after it. Against a real
// daemon whose downloads trickle (none ends during the test); its systemctl is a fake that only
// records, so a countdown that ran out would suspend nothing (none may run out here).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry, startDaemon } from '../test/helpers/cli.ts';
import { tempDir } from '../test/helpers/engine.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const fakeBin = tempDir('ferry-e2e-steady-bin-');
fs.writeFileSync(path.join(fakeBin, 'systemctl'), `#!/bin/sh\necho "$@" >> '${path.join(fakeBin, 'systemctl.log')}'\n`, { mode: 0o755 });
const bed = useDaemonBed('ferry-e2e-steady', { PATH: `${fakeBin}:${process.env['PATH']}` });
afterAll(() => fs.rmSync(fakeBin, { recursive: true, force: true }));
const SLOW = { timeout: 20_000 };
const COUNT = 30;
let page: Page;

const grid = () => page.getByRole('grid', { name: 'Transfers' });
const item = (name: string) => grid().getByRole('row').filter({ hasText: name });

/** Where the first rows in sight are, to the pixel: the rows under the pointer. */
const rowBoxes = () =>
  page.locator('.table-body [role=row]').evaluateAll((rows) =>
    rows
      .slice(0, 12)
      .map((r) => {
        const box = r.getBoundingClientRect();
        return `${r.id} ${box.top} ${box.left} ${box.width} ${box.height}`;
      })
      .sort(),
  );

/** Two animation frames: whatever a change set off (a ResizeObserver, a redraw) has been painted. */
const frames = () => page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
/** Every row drawn, to the pixel, and where the list is scrolled. */
const allRowBoxes = () =>
  grid().evaluate((list) => ({
    scrollTop: list.scrollTop,
    rows: [...list.querySelectorAll('.table-body [role=row]')].map((r) => `${r.id} ${r.getBoundingClientRect().top}`).sort(),
  }));

/** A queued row dragged onto another in the default order (newest first): refused with a notice, which it answers. */
async function refusedDrag(name: string, ontoName: string) {
  const from = (await item(name).locator('.col-size').boundingBox())!;
  const onto = (await item(ontoName).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(onto.x + onto.width / 3, onto.y + 4, { steps: 8 });
  await page.mouse.move(onto.x + onto.width / 3 + 2, onto.y + 4, { steps: 2 });
  await page.mouse.up();
  const notice = page.getByRole('alert').filter({ hasText: 'To reorder the queue by dragging, sort the list by Status first' });
  await notice.waitFor();
  return notice;
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await ferry(['config', 'set', 'maxConcurrent', '1', '--home', bed.home]);
  const names = Array.from({ length: COUNT }, (_, i) => `steady-${String(i).padStart(2, '0')}.bin`);
  names.forEach((name) => bed.server.serve(`/s/${name}`, randomFile(3_000_000, { rate: 20_000 })));
  const list = path.join(bed.downloads, 'urls.txt');
  fs.writeFileSync(list, names.map((n) => bed.server.url(`/s/${n}`)).join('\n'));
  await ferry(['add', '-i', list, '-d', bed.downloads, '--connections', '1', '--home', bed.home]);
  page = await bed.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(bed.daemon.url);
  await grid().locator(`xpath=self::*[@aria-rowcount="${COUNT + 1}"]`).waitFor(SLOW);
  // The first added runs (at the list's end, out of sight): the status bar says so.
  await page.locator('.status-bar').filter({ hasText: '1 active' }).waitFor(SLOW);
});

for (const [width, theme] of [[1280, 'light'], [800, 'light'], [1280, 'dark'], [800, 'dark']] as const) {
  it(`no banner moves a row at ${width} px in ${theme}: a notice, the when-done countdown, the link lost`, async () => {
    await ferry(['config', 'set', 'theme', theme, '--home', bed.home]);
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'] ?? 'light')).toBe(theme);
    await page.setViewportSize({ width, height: width === 800 ? 600 : 800 });
    // The table follows the window in the frame after it changed (its ResizeObserver): the rows as wide
    // as the list again (nothing to scroll sideways at either width), then measured.
    await expect.poll(() => grid().evaluate((list) => Math.round(list.querySelector('.table-body [role=row]')!.getBoundingClientRect().width) === list.clientWidth)).toBe(true);
    await frames();
    const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `steady-${name}-${theme}-${width}.png`) });
    const still = await rowBoxes();
    expect(still.length).toBeGreaterThanOrEqual(10);

    // A notice: a queued row dragged in the default order (newest first) is refused, with the reason.
    const notice = await refusedDrag('steady-27.bin', 'steady-24.bin');
    expect(await rowBoxes()).toEqual(still);
    await shot('notice');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
    expect(await rowBoxes()).toEqual(still);

    // The link lost: the daemon killed, then back on its port.
    const port = new URL(bed.daemon.url).port;
    bed.daemon.child.kill('SIGKILL');
    const lost = page.getByRole('alert').filter({ hasText: 'Not connected to Ferry since' });
    await lost.waitFor(SLOW);
    expect(await rowBoxes()).toEqual(still);
    // Reachable by the keyboard in the page's order: right after the toolbar's buttons, before the list.
    expect(await page.evaluate(() => {
      const banner = [...document.querySelectorAll('[role=alert]')].find((e) => e.textContent?.includes('Not connected'))!;
      return Boolean(document.querySelector('header')!.compareDocumentPosition(banner) & Node.DOCUMENT_POSITION_FOLLOWING) &&
        Boolean(banner.compareDocumentPosition(document.querySelector('[role=grid]')!) & Node.DOCUMENT_POSITION_FOLLOWING);
    })).toBe(true);
    await shot('disconnected');
    bed.daemon = await startDaemon(bed.home, {}, ['--port', port]);
    await lost.waitFor({ state: 'detached', timeout: 20_000 });
    expect(await rowBoxes()).toEqual(still);

    // The when-done countdown: Sleep chosen, everything paused.
    const whenDone = page.getByRole('button', { name: /^When done:/ });
    await whenDone.click();
    await page.getByRole('menu', { name: 'When everything is done' }).getByRole('menuitemcheckbox', { name: 'Sleep' }).click();
    await ferry(['pause', '--all', '--home', bed.home]);
    const countdown = page.locator('.when-done-countdown');
    await countdown.waitFor(SLOW);
    expect(await countdown.getAttribute('role')).toBe('alert');
    expect(await rowBoxes()).toEqual(still);
    await shot('countdown');
    await countdown.getByRole('button', { name: 'Cancel' }).click();
    await countdown.waitFor({ state: 'detached' });
    expect(await rowBoxes()).toEqual(still);
    await expect.poll(() => whenDone.textContent()).toBe('When done: Nothing');
    await ferry(['resume', '--all', '--home', bed.home]);
  });
}

it('selecting moves no row at 800 px: a click, Ctrl+click, Shift+click, Ctrl+A and Escape', async () => {
  await ferry(['config', 'set', 'theme', 'light', '--home', bed.home]);
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'] ?? 'light')).toBe('light');
  await page.setViewportSize({ width: 800, height: 600 });
  await expect.poll(() => grid().evaluate((list) => Math.round(list.querySelector('.table-body [role=row]')!.getBoundingClientRect().width) === list.clientWidth)).toBe(true);
  await grid().evaluate((e) => (e.scrollTop = 0));
  await frames();
  const still = await rowBoxes();
  expect(still.length).toBeGreaterThanOrEqual(10);
  const selected = page.getByRole('group', { name: 'Selected transfers' });
  // Status is a column the narrowest window keeps.
  const cell = (name: string) => item(name).locator('.col-status');
  const steps: Array<[string, () => Promise<void>, RegExp]> = [
    ['a click', () => cell('steady-29.bin').click(), /\b1 selected/],
    ['Ctrl+click', () => cell('steady-27.bin').click({ modifiers: ['Control'] }), /\b2 selected/],
    ['Shift+click', () => cell('steady-23.bin').click({ modifiers: ['Shift'] }), /\b(5|7) selected/],
    ['Ctrl+A', () => page.keyboard.press('Control+a'), new RegExp(`\\b${COUNT} selected`)],
    ['Escape', () => page.keyboard.press('Escape'), /None selected/],
  ];
  for (const [what, act, says] of steps) {
    await act();
    await expect.poll(() => selected.textContent(), { message: what }).toMatch(says);
    await frames();
    expect(await rowBoxes(), what).toEqual(still);
    if (what === 'Shift+click') await page.screenshot({ path: path.join(ARTIFACTS, 'steady-selected-light-800.png') });
  }
});

it('the last rows scroll above a banner: the list keeps room at its end as tall as the banners', async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await grid().evaluate((e) => (e.scrollTop = e.scrollHeight));
  const port = new URL(bed.daemon.url).port;
  bed.daemon.child.kill('SIGKILL');
  const lost = page.getByRole('alert').filter({ hasText: 'Not connected to Ferry since' });
  await lost.waitFor(SLOW);
  try {
    await grid().evaluate((e) => (e.scrollTop = e.scrollHeight));
    const last = item('steady-00.bin'); // the first added: the last row, newest first
    await expect.poll(async () => (await last.boundingBox())!.y + (await last.boundingBox())!.height).toBeLessThanOrEqual((await lost.boundingBox())!.y);
  } finally {
    bed.daemon = await startDaemon(bed.home, {}, ['--port', port]);
  }
  await lost.waitFor({ state: 'detached', timeout: 20_000 });
  await grid().evaluate((e) => (e.scrollTop = 0));
});

it('a banner that goes while the list is scrolled to its very end moves no row; its room goes once scrolled away', async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await grid().evaluate((e) => (e.scrollTop = e.scrollHeight));
  await frames();
  const still = await allRowBoxes();
  expect(still.scrollTop).toBeGreaterThan(0);
  // A notice: a queued row near the end dragged in the default order is refused.
  const notice = await refusedDrag('steady-03.bin', 'steady-05.bin');
  await frames();
  expect(await allRowBoxes()).toEqual(still);
  // Scrolled to the new end (the last rows above the banner), then the banner goes: nothing moves.
  await grid().evaluate((e) => (e.scrollTop = e.scrollHeight));
  await frames();
  const atEnd = await allRowBoxes();
  expect(atEnd.scrollTop).toBeGreaterThan(still.scrollTop);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await notice.waitFor({ state: 'detached' });
  await frames();
  expect(await allRowBoxes()).toEqual(atEnd);
  // Scrolled back to the top, the room the banner left goes (the list's end is out of sight).
  await grid().evaluate((e) => (e.scrollTop = 0));
  await expect.poll(() => page.evaluate(() => document.documentElement.style.getPropertyValue('--banner-room'))).toBe('0px');
});

it('after a reload the first frame has the widths the user left, and they do not jump after it', async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // Two wide columns more: the window is too narrow for them all, so the columns give way (fitted).
  for (const name of ['Address', 'Folder']) {
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menu', { name: 'Columns' }).getByRole('menuitemcheckbox', { name }).click();
  }
  const handle = page.getByRole('separator', { name: 'Resize Size' });
  const at = (await handle.boundingBox())!;
  await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
  await page.mouse.down();
  await page.mouse.move(at.x + 70, at.y + at.height / 2, { steps: 5 });
  await page.mouse.up();
  const widths = () => page.locator('.head-row [role=columnheader]').evaluateAll((cells) => cells.map((c) => Math.round(c.getBoundingClientRect().width)));
  const left = await widths();

  // Each frame's header widths from the first one the header is in, recorded before the page's own scripts run.
  await page.addInitScript(() => {
    const frames: number[][] = [];
    (window as unknown as { headerFrames: number[][] }).headerFrames = frames;
    const look = () => {
      const cells = document.querySelectorAll('.head-row [role=columnheader]');
      if (cells.length) frames.push([...cells].map((c) => Math.round(c.getBoundingClientRect().width)));
      if (frames.length < 40) requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => (window as unknown as { headerFrames: number[][] }).headerFrames.length), SLOW).toBe(40);
  const frames = await page.evaluate(() => (window as unknown as { headerFrames: number[][] }).headerFrames);
  expect(frames[0]).toEqual(left);
  expect(frames.filter((f) => JSON.stringify(f) !== JSON.stringify(left))).toEqual([]);
  await page.screenshot({ path: path.join(ARTIFACTS, 'steady-widths-after-reload.png') });
});
