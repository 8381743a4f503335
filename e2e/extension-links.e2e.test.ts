// "Download all links with Ferry" and the page's toast, in Debian's Chromium with the built
// extension and the native host (see helpers/extension-bed.ts). A page on 127.0.0.1 with links to
// two archives and a page (and one link outside the selection); the selection's links come up in
// the extension's list, filtered by type and ticked; the archives reach Ferry in one batch with the
// cookie, Referer and User-Agent, and arrive whole (sha256); a batch may pick a named action for its
// group, which runs once both are in. The menu's action is run through the
// function the menu calls: Playwright cannot open a browser's own context menu.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { randomFile, sha256 } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { ARTIFACTS, useExtensionBed } from './helpers/extension-bed.ts';
import { toastIn } from './helpers/page-toast.ts';
import { groupProgram } from '../test/helpers/group-program.ts';

const COOKIE = 'session=e2e-links-cookie';

describe('download all links with Ferry, and the toast after a hand-off', () => {
  const bed = useExtensionBed('ferry-ext-links-e2e-');

  const openPage = async (pagePath: string, html: string): Promise<Page> => {
    bed.server.serve(pagePath, { body: Buffer.from(`<!doctype html><title>links</title><body style="font:16px sans-serif">${html}</body>`), headers: { 'content-type': 'text/html', 'set-cookie': `${COOKIE}; Path=/` } });
    const page = await bed.chromium.context.newPage();
    await page.setViewportSize({ width: 800, height: 360 });
    await page.goto(bed.server.url(pagePath));
    return page;
  };
  /** Selects what is inside `selector`, runs the menu's action on the page's tab, returns the list. */
  const listLinks = async (page: Page, selector: string): Promise<Page> => {
    await page.evaluate((s) => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector(s)!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    }, selector);
    const opened = bed.chromium.context.waitForEvent('page', { predicate: (p) => p.url().includes('/links.html') });
    await bed.chromium.worker.evaluate(async (url) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === url)!;
      await (globalThis as unknown as { ferryListLinks: (tab: unknown, pageUrl: string) => Promise<void> }).ferryListLinks(tab, url);
    }, page.url());
    const list = await opened;
    await list.waitForLoadState();
    await list.setViewportSize({ width: 560, height: 320 });
    return list;
  };
  const rows = (list: Page) => list.locator('#links li').evaluateAll((lis) => lis.map((li) => [li.querySelector('input')!.checked, li.querySelector('.name')!.textContent, li.querySelector('.host')!.textContent]));

  it('lists the selection\'s links by type, and hands the ticked archives to Ferry in one batch', async () => {
    const one = randomFile(300_000, { requireCookie: COOKIE });
    const two = randomFile(200_000, { requireCookie: COOKIE });
    bed.server.serve('/files/one.zip', one);
    bed.server.serve('/files/two.zip', two);
    bed.server.serve('/files/outside.zip', randomFile(10_000));
    const page = await openPage('/batch.html', '<p id="picked">Files: <a href="/files/one.zip">first</a>, <a href="/files/two.zip">second</a> and <a href="/about.html">about</a>.</p><p>Not selected: <a href="/files/outside.zip">outside</a></p>');
    const list = await listLinks(page, '#picked');
    const host = new URL(bed.server.url('/')).hostname;
    // All types: the page is listed too, not ticked; the link outside the selection is not there.
    await expect.poll(() => rows(list), { timeout: 10_000 }).toEqual([
      [true, 'one.zip', host],
      [true, 'two.zip', host],
      [false, 'about.html', host],
    ]);
    expect(await list.locator('#download').textContent()).toBe('Download 2 with Ferry');
    await list.locator('#type').selectOption('archives');
    expect(await rows(list)).toEqual([
      [true, 'one.zip', host],
      [true, 'two.zip', host],
    ]);
    expect(await list.locator('#type option:checked').textContent()).toBe('Archives (2)');
    await list.screenshot({ path: path.join(ARTIFACTS, 'extension-links-list.png') });
    await list.locator('#download').click();
    await expect.poll(() => list.locator('#result').textContent().catch(() => 'closed'), { timeout: 30_000 }).toMatch(/^(Ferry took 2 downloads|closed)$/);

    const urls = ['one.zip', 'two.zip'].map((n) => bed.server.url(`/files/${n}`));
    await expect.poll(async () => (await bed.listed()).filter((t) => urls.includes(t.url)).length, { timeout: 30_000 }).toBe(2);
    const ids = (await bed.listed()).filter((t) => urls.includes(t.url)).map((t) => t.id);
    expect((await ferry(['--home', bed.home, 'wait', ...ids])).code).toBe(0);
    expect(sha256(fs.readFileSync(path.join(bed.ferryDir, 'one.zip')))).toBe(sha256(one.body));
    expect(sha256(fs.readFileSync(path.join(bed.ferryDir, 'two.zip')))).toBe(sha256(two.body));
    expect(fs.readdirSync(bed.ferryDir).sort()).toEqual(['one.zip', 'two.zip']);
    for (const name of ['one.zip', 'two.zip']) {
      const sent = bed.server.requestsFor(`/files/${name}`);
      expect(sent.map((r) => [r.status, r.cookie, r.headers['referer']])).toEqual([[200, COOKIE, bed.server.url('/batch.html')]]);
      expect(sent[0]!.headers['user-agent']).toContain('Chrome/');
    }
    expect(bed.server.requestsFor('/files/outside.zip')).toEqual([]);
    expect(bed.server.requestsFor('/about.html')).toEqual([]);

    // The page says so in a toast of the extension's that the page itself cannot read.
    await expect.poll(() => toastIn(bed.chromium.context, page), { timeout: 10_000 }).toEqual({ text: 'Ferry took 2 downloads', role: 'status', shadowRootType: 'closed' });
    expect(await page.evaluate(() => document.body.innerText)).not.toContain('Ferry took');
    expect(await page.evaluate(() => [...document.querySelectorAll('body > div, html > div')].map((d) => d.shadowRoot))).toEqual([null]);
    await page.bringToFront();
    await page.screenshot({ path: path.join(ARTIFACTS, 'extension-toast-batch.png') });
    // Gone after a few seconds.
    await expect.poll(() => toastIn(bed.chromium.context, page), { timeout: 15_000 }).toBeNull();
    await page.close();
  });

  it("picks a named action of the user's for the group the batch makes (Ferry tells the names only); it runs once both are in", async () => {
    const program = groupProgram(bed.home, 'links-action');
    const [first, ...rest] = program.words();
    fs.writeFileSync(path.join(bed.home, 'actions.json'), JSON.stringify({ actions: { record: { program: first, args: rest, description: 'Record them' } } }));
    const three = randomFile(150_000);
    const four = randomFile(100_000);
    bed.server.serve('/files/three.zip', three).serve('/files/four.zip', four);
    const page = await openPage('/action.html', '<p id="picked"><a href="/files/three.zip">three</a> <a href="/files/four.zip">four</a></p>');
    const list = await listLinks(page, '#picked');
    await list.locator('#when-done-row').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await list.locator('#when-done option').allTextContents()).toEqual(['nothing', 'the action record: Record them']);
    expect(await list.locator('body').innerText()).not.toContain('links-action');
    await list.locator('#when-done').selectOption('record');
    await list.screenshot({ path: path.join(ARTIFACTS, 'extension-links-action.png') });
    await list.locator('#download').click();
    const urls = ['three.zip', 'four.zip'].map((n) => bed.server.url(`/files/${n}`));
    await expect.poll(async () => (await bed.listed()).filter((t) => urls.includes(t.url)).length, { timeout: 30_000 }).toBe(2);
    const ids = (await bed.listed()).filter((t) => urls.includes(t.url)).map((t) => t.id);
    expect((await ferry(['--home', bed.home, 'wait', ...ids])).code).toBe(0);
    await expect.poll(() => program.runs().length, { timeout: 20_000 }).toBe(1);
    expect(program.runs()[0]!.members.map((m) => m.id).sort()).toEqual([...ids].sort());
    expect(sha256(fs.readFileSync(path.join(bed.ferryDir, 'three.zip')))).toBe(sha256(three.body));
    expect(sha256(fs.readFileSync(path.join(bed.ferryDir, 'four.zip')))).toBe(sha256(four.body));
    const group = program.runs()[0]!.group;
    expect(group).toMatch(/^on-complete-/);
    expect((await ferry(['--home', bed.home, 'group', 'show', group])).stdout).toContain('(the action record)');
    await page.close();
  });

  it('a click on a link Ferry takes shows "Ferry took <name>" in the page', async () => {
    const file = randomFile(100_000);
    bed.server.serve('/files/clicked.zip', file);
    const page = await openPage('/click.html', '<a id="link" href="/files/clicked.zip">clicked.zip</a>');
    await page.click('#link');
    await expect.poll(() => toastIn(bed.chromium.context, page), { timeout: 30_000 }).toEqual({ text: 'Ferry took clicked.zip', role: 'status', shadowRootType: 'closed' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'extension-toast-took.png') });
    const id = (await bed.listed()).find((t) => t.url === bed.server.url('/files/clicked.zip'))!.id;
    expect((await ferry(['--home', bed.home, 'wait', id])).code).toBe(0);
    expect(sha256(fs.readFileSync(path.join(bed.ferryDir, 'clicked.zip')))).toBe(sha256(file.body));
    await page.close();
  });

  it('when Ferry refuses, the page says why and the browser downloads it itself', async () => {
    await bed.refuseEveryAdd();
    const file = randomFile(100_000);
    bed.server.serve('/files/refused.zip', file);
    const page = await openPage('/refused.html', '<a id="link" href="/files/refused.zip">refused.zip</a>');
    await page.click('#link');
    await expect.poll(async () => (await toastIn(bed.chromium.context, page))?.text ?? '', { timeout: 30_000 }).toMatch(/^Ferry could not take it; the browser downloads it instead \(the folder .* does not exist/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'extension-toast-refused.png') });
    await expect.poll(() => fs.existsSync(path.join(bed.browserDir, 'refused.zip')) && sha256(fs.readFileSync(path.join(bed.browserDir, 'refused.zip'))), { timeout: 30_000 }).toBe(sha256(file.body));
    await bed.refuseNoMore();
    await page.close();
  });
});
