// The browser twin end to end: the daemon serves the renderer, Chromium drives it like a person.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { randomFile, sha256 } from '../test/helpers/fault-server.ts';
import { sha256File } from '../test/helpers/engine.ts';
import { ferry, startDaemon } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';
import { UploadServer } from '../test/helpers/upload-server.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e');
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  page = await bed.browser.newPage({ viewport: { width: 1100, height: 640 } });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(bed.daemon.url);
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});

async function addThroughForm(url: string): Promise<void> {
  await page.getByRole('button', { name: 'Add download' }).click();
  await page.getByLabel('URL').fill(url);
  await page.getByLabel('Folder').fill(bed.downloads);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
}

const transferCount = async () => (await ferry(['ls', '--json', '--home', bed.home])).stdout.trim().split('\n').filter(Boolean).length;
const item = (name: string) => page.getByRole('row').filter({ hasText: name });
const rowCount = async () => Number(await page.getByRole('grid').getAttribute('aria-rowcount')) - 1;
const progressOf = async (name: string) => Number(await item(name).getByRole('progressbar').getAttribute('aria-valuenow'));

it('adds a download through the form, shows progress, pauses, resumes and completes it', async () => {
  const file = randomFile(1_500_000, { rate: 300_000 });
  bed.server.serve('/files/movie.bin', file);
  await addThroughForm(bed.server.url('/files/movie.bin'));
  await expect.poll(() => item('movie.bin').count()).toBe(1);

  await expect.poll(() => progressOf('movie.bin'), { timeout: 10_000 }).toBeGreaterThan(5);
  const first = await progressOf('movie.bin');
  await expect.poll(() => progressOf('movie.bin'), { timeout: 10_000 }).toBeGreaterThan(first);

  await item('movie.bin').getByRole('button', { name: 'Pause movie.bin', exact: true }).click();
  await expect.poll(() => item('movie.bin').textContent()).toContain('Paused');
  expect(fs.existsSync(path.join(bed.downloads, 'movie.bin.part'))).toBe(true);
  const pausedAt = await progressOf('movie.bin');
  await page.waitForTimeout(500);
  expect(await progressOf('movie.bin')).toBe(pausedAt);

  await item('movie.bin').getByRole('button', { name: 'Resume movie.bin', exact: true }).click();
  await expect.poll(() => item('movie.bin').textContent(), { timeout: 20_000 }).toContain('Completed');
  expect(await progressOf('movie.bin')).toBe(100);
  expect(sha256File(path.join(bed.downloads, 'movie.bin'))).toBe(sha256(file.body));
  expect(bed.server.requestsFor('/files/movie.bin').at(-1)?.status).toBe(206);

  // In the browser the finished file is a link served by the daemon, with a one-time ticket per click.
  const [download] = await Promise.all([page.waitForEvent('download'), item('movie.bin').getByRole('link', { name: 'movie.bin' }).click()]);
  expect(download.suggestedFilename()).toBe('movie.bin');
  expect(sha256File((await download.path())!)).toBe(sha256(file.body));
  expect(download.url()).toMatch(/\/files\/[0-9a-f-]+\?ticket=[\w-]+$/);
  expect((await fetch(download.url())).status).toBe(401);
});

it('shows an inline error for a malformed URL and queues nothing', async () => {
  const before = await transferCount();
  await page.getByRole('button', { name: 'Add download' }).click();
  await page.getByLabel('URL').fill('htp:/broken url');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect.poll(() => page.getByRole('dialog').getByRole('alert').textContent()).toMatch(/not a valid URL|only http, https/);
  await page.getByRole('button', { name: 'Close' }).click();
  const after = await transferCount();
  expect(after).toBe(before);
});

it('cancel removes the partial file', async () => {
  bed.server.serve('/files/big-cancel.bin', randomFile(3_000_000, { rate: 200_000 }));
  await addThroughForm(bed.server.url('/files/big-cancel.bin'));
  await expect.poll(() => progressOf('big-cancel.bin'), { timeout: 10_000 }).toBeGreaterThan(1);
  expect(fs.existsSync(path.join(bed.downloads, 'big-cancel.bin.part'))).toBe(true);
  await item('big-cancel.bin').getByRole('button', { name: 'Cancel big-cancel.bin', exact: true }).click();
  await expect.poll(() => item('big-cancel.bin').textContent()).toContain('Canceled');
  expect(fs.existsSync(path.join(bed.downloads, 'big-cancel.bin.part'))).toBe(false);
  expect(fs.existsSync(path.join(bed.downloads, 'big-cancel.bin'))).toBe(false);
});

it('prefills the add form with dropped links; a dropped file closed unused leaves nothing behind', async () => {
  const before = await transferCount();
  await page.evaluate((url) => {
    const data = new DataTransfer();
    data.setData('text/uri-list', url);
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, bed.server.url('/files/dropped.bin'));
  await expect.poll(() => page.getByLabel('URL').inputValue()).toBe(bed.server.url('/files/dropped.bin'));
  await page.getByRole('button', { name: 'Close' }).click();

  await dropFile('unused.bin', 100_000);
  const dialog = page.getByRole('dialog', { name: 'Upload files' });
  await expect.poll(() => dialog.getByRole('listitem').getAttribute('aria-label'), { timeout: 10_000 }).toBe('unused.bin, ready');
  const staging = path.join(bed.home, 'staging');
  expect(fs.readdirSync(staging)).toHaveLength(1);
  await dialog.getByRole('button', { name: 'Close' }).click();
  // Closing the form discards what was sent for it.
  await expect.poll(() => fs.readdirSync(staging).length).toBe(0);
  expect(await transferCount()).toBe(before);
});

/** Drops a file of random bytes on the window, as a person dragging it from their desktop; its sha256. */
function dropFile(name: string, size: number): Promise<string> {
  return page.evaluate(
    async ([fileName, fileSize]) => {
      const bytes = new Uint8Array(fileSize);
      for (let i = 0; i < bytes.length; i += 65_536) crypto.getRandomValues(bytes.subarray(i, i + 65_536));
      const data = new DataTransfer();
      data.items.add(new File([bytes], fileName));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    },
    [name, size] as const,
  );
}

it('uploads a dropped file: the daemon sends its staged copy, the server holds it, the row shows the answer', async () => {
  const receiver = await new UploadServer().start();
  try {
    const sha = await dropFile('report.pdf', 2_000_000);
    const dialog = page.getByRole('dialog', { name: 'Upload files' });
    await expect.poll(() => dialog.getByRole('listitem').getAttribute('aria-label'), { timeout: 10_000 }).toBe('report.pdf, ready');
    await dialog.getByLabel('Upload to').fill(receiver.url('/share/'));
    await page.screenshot({ path: path.join(ARTIFACTS, 'upload-dialog.png') });
    await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect.poll(() => item('report.pdf').textContent(), { timeout: 20_000 }).toContain('The server answered HTTP 201');
    expect(await item('report.pdf').textContent()).toContain('Completed');
    expect(receiver.for('/share/report.pdf')).toMatchObject([{ method: 'PUT', sha256: sha, size: 2_000_000 }]);
    const listed = JSON.parse((await ferry(['ls', '--json', '--home', bed.home])).stdout.trim().split('\n').find((l) => l.includes('report.pdf'))!) as Record<string, unknown>;
    expect(listed).toMatchObject({ kind: 'upload', state: 'completed', response: { status: 201 } });
    // The staged copy belongs to the upload: removing the upload from the list removes it.
    const staging = path.join(bed.home, 'staging');
    expect(fs.readdirSync(staging)).toHaveLength(1);
    await item('report.pdf').getByRole('button', { name: 'Remove report.pdf' }).click();
    // Off the list at once; the daemon lets it go when the undo window closes (Dismiss: now).
    await page.getByRole('status').filter({ hasText: 'Removed 1 transfer' }).getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => fs.readdirSync(staging).length).toBe(0);
  } finally {
    await receiver.close();
  }
});

it('uploads files picked with the Upload button as one multipart form with a field', async () => {
  const receiver = await new UploadServer().start();
  const picked = [path.join(bed.downloads, 'one.txt'), path.join(bed.downloads, 'two.csv')];
  fs.writeFileSync(picked[0]!, 'first file\n');
  fs.writeFileSync(picked[1]!, 'a,b\n1,2\n');
  try {
    await page.getByLabel('Upload files').setInputFiles(picked);
    const dialog = page.getByRole('dialog', { name: 'Upload files' });
    await dialog.getByLabel('Upload to').fill(receiver.url('/form'));
    await dialog.getByLabel('Send as').selectOption('multipart');
    await dialog.getByLabel('Form fields').fill('album=holiday');
    await expect.poll(() => dialog.getByRole('button', { name: 'Upload', exact: true }).isDisabled(), { timeout: 10_000 }).toBe(false);
    await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect.poll(() => item('one.txt and 1 more').textContent(), { timeout: 20_000 }).toContain('The server answered HTTP 201');
    const [got] = receiver.for('/form');
    expect(got!.fields).toEqual([{ name: 'album', value: 'holiday' }]);
    expect(got!.files.map((f) => [f.filename, f.sha256])).toEqual(picked.map((p) => [path.basename(p), sha256File(p)]));
  } finally {
    await receiver.close();
  }
});

it('refuses an upload to a bad address in the form, and queues nothing', async () => {
  const before = await transferCount();
  await dropFile('x.bin', 1000);
  const dialog = page.getByRole('dialog', { name: 'Upload files' });
  await expect.poll(() => dialog.getByRole('listitem').getAttribute('aria-label'), { timeout: 10_000 }).toBe('x.bin, ready');
  await dialog.getByLabel('Upload to').fill('ftp://127.0.0.1/x');
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/http/i);
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect(await transferCount()).toBe(before);
});

it('saves a screenshot with transfers in several states, without console errors', async () => {
  // Slow enough (about 35 s) to be still running when a later test clears the finished ones, on a loaded machine too.
  bed.server.serve('/files/ubuntu-26.04-desktop-amd64.iso', randomFile(4_000_000, { rate: 115_000 }));
  bed.server.serve('/files/paused-archive.tar.gz', randomFile(4_000_000, { rate: 250_000 }));
  bed.server.serve('/files/busy-mirror.zip', randomFile(1000), [{ kind: 'status', code: 503, headers: { 'retry-after': '120' } }]);
  await addThroughForm(bed.server.url('/files/busy-mirror.zip'));
  await expect.poll(() => item('busy-mirror.zip').textContent()).toMatch(/Retrying in \d+ s \(server busy\)/);
  await addThroughForm(bed.server.url('/files/missing-report.pdf'));
  await addThroughForm(bed.server.url('/files/paused-archive.tar.gz'));
  await expect.poll(() => progressOf('paused-archive.tar.gz'), { timeout: 10_000 }).toBeGreaterThan(1);
  await item('paused-archive.tar.gz').getByRole('button', { name: 'Pause paused-archive.tar.gz', exact: true }).click();
  await addThroughForm(bed.server.url('/files/ubuntu-26.04-desktop-amd64.iso'));
  await expect.poll(() => item('missing-report.pdf').textContent()).toContain('The server says this file does not exist (404).');
  // In words, not codes: the status stays in --json and the tooltip.
  expect(await item('missing-report.pdf').textContent()).not.toContain('NotFound');
  await expect.poll(() => progressOf('ubuntu-26.04-desktop-amd64.iso'), { timeout: 10_000 }).toBeGreaterThan(10);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'web-ui.png') });
  expect(consoleErrors).toEqual([]);

  // Each filter shows exactly as many rows as its button says, and the groups add up to All.
  const filters = page.getByRole('group', { name: 'Show' }).getByRole('button');
  const labels = await filters.allTextContents();
  const countOf = (label: string) => Number(/(\d+)$/.exec(label)![1]);
  expect(labels.slice(1).reduce((sum, l) => sum + countOf(l), 0)).toBe(countOf(labels[0]!));
  for (const [i, label] of labels.entries()) {
    await filters.nth(i).click();
    await expect.poll(rowCount).toBe(countOf(label));
  }
  await filters.first().click();
});

it('warns in Settings about a download folder that cannot be made, and does not save it', async () => {
  fs.writeFileSync(path.join(bed.downloads, 'not-a-folder.txt'), 'x');
  const bad = path.join(bed.downloads, 'not-a-folder.txt', 'sub');
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Download folder').fill(bad);
  await expect.poll(() => settings.locator('#folder-warning').textContent()).toBe(`Downloads cannot go here: ${bad} cannot be created: a file is in the way.`);
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => settings.getByRole('alert').textContent()).toContain('a file is in the way');
  await settings.getByLabel('Download folder').fill(path.join(bed.downloads, 'new', 'folder'));
  await expect.poll(() => settings.locator('#folder-warning').count()).toBe(0);
  // In sections: the arrow keys move between them, each shows its own fields.
  const tabs = settings.getByRole('tab');
  expect(await tabs.allTextContents()).toEqual(['General', 'Transfers', 'Speed limits', 'Network and battery', 'Categories', 'Browsers', 'Appearance', 'Advanced']);
  await settings.getByRole('tab', { name: 'General' }).focus();
  await page.keyboard.press('ArrowDown');
  expect(await settings.getByRole('tab', { name: 'Transfers' }).getAttribute('aria-selected')).toBe('true');
  expect(await settings.getByLabel('Connections per server').isVisible()).toBe(true);
  expect(await settings.getByLabel('Download folder').isVisible()).toBe(false);
  await page.screenshot({ path: path.join(ARTIFACTS, 'settings-sections.png') });
  await page.keyboard.press('End');
  expect(await settings.getByLabel('Connect timeout (s)').isVisible()).toBe(true);
  await settings.getByRole('button', { name: 'Close' }).click();
  expect((await ferry(['config', 'get', 'downloadDir', '--home', bed.home])).stdout.trim()).not.toBe(bad);
});

it('keeps the throughput chart across a reload: the daemon holds the history', async () => {
  await expect.poll(() => page.locator('.chart figcaption').textContent()).toMatch(/^now .* · peak \d/);
  await page.reload();
  await page.getByRole('button', { name: 'Add download' }).waitFor();
  // Within a moment of the reload (less than the page's own first sample a second later) the
  // history is there: it came from the daemon.
  await expect.poll(() => page.locator('.chart figcaption').textContent(), { timeout: 800, interval: 50 }).toMatch(/peak \d/);
  expect(await page.locator('.chart').getAttribute('aria-label')).toMatch(/scale up to \d/);
});

it('keeps focus inside an open dialog, gives it back on close, and on the row when Pause becomes Resume', async () => {
  const add = page.getByRole('button', { name: 'Add download' });
  await add.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const inDialog = () => page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')));
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
    expect(await inDialog()).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.count()).toBe(0);
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Add download');

  bed.server.serve('/files/focus.bin', randomFile(2_000_000, { rate: 200_000 }));
  await addThroughForm(bed.server.url('/files/focus.bin'));
  const pause = item('focus.bin').getByRole('button', { name: 'Pause focus.bin', exact: true });
  await pause.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Resume focus.bin');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Pause focus.bin');
  await item('focus.bin').getByRole('button', { name: 'Cancel focus.bin', exact: true }).click();
});

it('never shows "Not connected" while a page loads and connects (ten reloads, watched from the first paint)', async () => {
  // Runs before the page's own scripts on every load: records any moment the banner is in the page.
  await page.addInitScript(() => {
    const seen: number[] = [];
    (window as unknown as { bannerSeen: number[] }).bannerSeen = seen;
    new MutationObserver(() => {
      if (document.body?.innerText.includes('Not connected')) seen.push(performance.now());
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  for (let i = 0; i < 10; i++) {
    await page.reload();
    await page.getByRole('button', { name: 'Add download' }).waitFor();
    await expect.poll(() => rowCount()).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { bannerSeen?: number[] }).bannerSeen)).toEqual([]);
  }
});

it('reconnects by itself when the daemon restarts on the same port, and shows the reattached list', async () => {
  const port = new URL(bed.daemon.url).port;
  const before = await rowCount();
  await bed.daemon.stop();
  await expect.poll(() => page.getByText('Not connected to Ferry').count(), { timeout: 10_000 }).toBe(1);
  bed.daemon = await startDaemon(bed.home, {}, ['--port', port]);
  expect(new URL(bed.daemon.url).port).toBe(port);
  await expect.poll(() => page.getByText('Not connected to Ferry').count(), { timeout: 15_000 }).toBe(0);
  await expect.poll(() => rowCount()).toBe(before);
  expect(await item('movie.bin').textContent()).toContain('Completed');
});

it('removes a finished transfer, deletes a file after asking, and clears the finished ones', async () => {
  for (const name of ['keep-me.bin', 'delete-me.bin']) bed.server.serve(`/files/${name}`, randomFile(2000));
  await addThroughForm(bed.server.url('/files/keep-me.bin'));
  await addThroughForm(bed.server.url('/files/delete-me.bin'));
  for (const name of ['keep-me.bin', 'delete-me.bin']) await expect.poll(() => item(name).textContent(), { timeout: 10_000 }).toContain('Completed');
  await page.getByRole('button', { name: 'Remove keep-me.bin' }).click();
  await expect.poll(() => item('keep-me.bin').count()).toBe(0);
  expect(fs.existsSync(path.join(bed.downloads, 'keep-me.bin'))).toBe(true);

  await page.getByRole('button', { name: 'Delete file delete-me.bin' }).click();
  const question = page.getByRole('dialog', { name: 'Delete delete-me.bin?' });
  expect(await question.textContent()).toContain('Delete delete-me.bin from the disk and remove it from the list? This cannot be undone.');
  await question.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect.poll(() => item('delete-me.bin').count()).toBe(0);
  expect(fs.existsSync(path.join(bed.downloads, 'delete-me.bin'))).toBe(false);

  // A failed row offers Retry and Remove, not Cancel.
  const buttonNames = () => item('missing-report.pdf').getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
  await expect.poll(buttonNames).toEqual(['Retry missing-report.pdf', 'Remove missing-report.pdf', 'Details of missing-report.pdf']);
  // Completed ones only: the failed one stays until it is dealt with.
  await page.getByRole('button', { name: 'Clear finished' }).click();
  await expect.poll(() => item('movie.bin').count()).toBe(0);
  expect(await item('missing-report.pdf').count()).toBe(1);
  expect(await item('ubuntu-26.04-desktop-amd64.iso').count()).toBe(1);
  await page.getByRole('status').filter({ hasText: /^Removed \d+ transfers? from the list\./ }).getByRole('button', { name: 'Dismiss' }).click();
  await expect.poll(async () => (await ferry(['ls', '--json', '--home', bed.home])).stdout, { timeout: 10_000 }).not.toContain('movie.bin');
  expect((await ferry(['ls', '--json', '--home', bed.home])).stdout).toContain('missing-report.pdf');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'web-ui-cleared.png') });
});
