// The defects that lost work or misled (issue 19, section 1), in Chromium against the daemon and
// Debian's nginx: Delete on a running download asks and, declined, keeps it; removed rows never
// come back; Clear finished keeps failed and canceled ones, with an undo; a failure is one sentence
// in the row; and with the daemon killed the page shows no live numbers and allows no action, until
// the daemon is back.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright';
import { ferry, startDaemon } from '../test/helpers/cli.ts';
import { tempDir } from '../test/helpers/engine.ts';
import { startNginx, type Nginx } from '../test/helpers/nginx.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-remove');
let nginx: Nginx;
let root: string;
let work: string;
let page: Page;
const SLOW = { timeout: 15_000 };

type Row = { id: string; state: string; url: string; bytesTransferred: number };
const listed = async (): Promise<Row[]> => (await ferry(['ls', '--json', '--home', bed.home])).stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
const listedFor = async (name: string) => (await listed()).find((r) => r.url.endsWith(`/${name}`));
const item = (name: string) => page.getByRole('row').filter({ hasText: name });
const part = (name: string) => path.join(bed.downloads, `${name}.part`);

/** Queues a download from nginx through the CLI (the page hears of it); its id. */
/** One connection: the rows must stay slow enough to act on while they run. */
async function add(urlPath: string): Promise<string> {
  return (await ferry(['add', nginx.url(urlPath), '-d', bed.downloads, '--connections', '1', '--home', bed.home])).stdout.trim();
}

/** Still absent after a few looks over `ms`: a late event would have brought it back by then. */
async function staysAbsent(locator: Locator, ms = 1500): Promise<void> {
  for (let waited = 0; waited < ms; waited += 100) {
    expect(await locator.count()).toBe(0);
    await page.waitForTimeout(100);
  }
}

beforeAll(async () => {
  root = tempDir('ferry-e2e-remove-root-');
  work = tempDir('ferry-e2e-remove-nginx-');
  for (const name of ['big.iso', 'ghost.bin', 'stop.bin', 'frozen.iso']) fs.writeFileSync(path.join(root, name), randomBytes(30_000_000));
  for (const name of ['done-1.bin', 'done-2.bin']) fs.writeFileSync(path.join(root, name), randomBytes(5000));
  // 250 kB/s: a download stays running for the whole test.
  nginx = await startNginx(root, work, '250k');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  page = await bed.browser.newPage({ viewport: { width: 1100, height: 640 } });
  await page.goto(bed.daemon.url);
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});
afterAll(async () => {
  await nginx?.stop();
  for (const dir of [root, work]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('asks before Delete on a running download; declined (Enter: the default), it keeps running with its partial file', async () => {
  await add('/slow/big.iso');
  await expect.poll(() => item('big.iso').textContent(), SLOW).toMatch(/kB\/s/);
  await item('big.iso').locator('.col-size').click();
  await page.keyboard.press('Delete');
  const question = page.getByRole('dialog', { name: 'Remove big.iso?' });
  await question.waitFor();
  expect(await question.textContent()).toMatch(/It is not finished\. The [\d.]+ (kB|MB) downloaded so far will be deleted\./);
  await page.screenshot({ path: path.join(ARTIFACTS, 'remove-question.png') });
  // The safe answer has the focus: Enter keeps it.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep it');
  await page.keyboard.press('Enter');
  await expect.poll(() => question.count()).toBe(0);
  const before = (await listedFor('big.iso'))!;
  expect(before.state).toBe('running');
  expect(fs.existsSync(part('big.iso'))).toBe(true);
  await expect.poll(async () => (await listedFor('big.iso'))!.bytesTransferred, SLOW).toBeGreaterThan(before.bytesTransferred);

  // "Remove selected" asks the same; this time yes: gone, with its partial file.
  await page.getByRole('button', { name: 'Remove selected' }).click();
  await question.getByRole('button', { name: /^Remove and delete [\d.]+ (kB|MB)$/ }).click();
  await expect.poll(() => item('big.iso').count()).toBe(0);
  await expect.poll(() => fs.existsSync(part('big.iso'))).toBe(false);
  expect(await listedFor('big.iso')).toBeUndefined();
  await staysAbsent(item('big.iso'));
});

it('never brings back a row removed elsewhere (ferry rm) while its progress was streaming', async () => {
  const id = await add('/slow/ghost.bin');
  await expect.poll(() => item('ghost.bin').textContent(), SLOW).toMatch(/kB\/s/);
  await expect.poll(() => page.locator('p.totals').textContent()).toContain('1 active');
  expect((await ferry(['rm', id, '--home', bed.home])).code).toBe(0);
  await expect.poll(() => item('ghost.bin').count()).toBe(0);
  await staysAbsent(item('ghost.bin'));
  expect(await page.locator('p.totals').textContent()).toContain('0 active');
});

it('Delete on finished rows takes them off the list only, with an undo; Clear finished keeps failed and canceled ones', async () => {
  const done = [await add('/done-1.bin'), await add('/done-2.bin')];
  await add('/missing-report.pdf');
  const stop = await add('/slow/stop.bin');
  await expect.poll(() => item('stop.bin').textContent(), SLOW).toMatch(/kB\/s/);
  expect((await ferry(['cancel', stop, '--home', bed.home])).code).toBe(0);
  await expect.poll(() => item('missing-report.pdf').textContent(), SLOW).toContain('Failed');
  for (const name of ['done-1.bin', 'done-2.bin']) await expect.poll(() => item(name).textContent(), SLOW).toContain('Completed');

  // Delete on a finished row: no question, an undo.
  await item('done-1.bin').locator('.col-size').click();
  await page.keyboard.press('Delete');
  const toast = page.getByRole('status').filter({ hasText: 'Removed 1 transfer from the list.' });
  await toast.waitFor();
  expect(await page.getByRole('dialog').count()).toBe(0);
  expect(await item('done-1.bin').count()).toBe(0);
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => item('done-1.bin').count()).toBe(1);
  expect((await listed()).map((r) => r.id)).toEqual(expect.arrayContaining(done));

  await page.getByRole('button', { name: 'Clear finished' }).click();
  const cleared = page.getByRole('status').filter({ hasText: 'Removed 2 transfers from the list.' });
  await cleared.waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'undo-toast.png') });
  for (const name of ['done-1.bin', 'done-2.bin']) expect(await item(name).count()).toBe(0);
  expect(await item('missing-report.pdf').count()).toBe(1);
  expect(await item('stop.bin').count()).toBe(1);
  // When the window closes (Dismiss closes it now) the daemon removes them; their files stay.
  await cleared.getByRole('button', { name: 'Dismiss' }).click();
  await expect.poll(async () => (await listed()).map((r) => r.id).filter((id) => done.includes(id)), SLOW).toEqual([]);
  expect((await listed()).map((r) => r.state).sort()).toEqual(['canceled', 'failed']);
  for (const name of ['done-1.bin', 'done-2.bin']) expect(fs.existsSync(path.join(bed.downloads, name))).toBe(true);
  await staysAbsent(item('done-1.bin'));
});

it('says a failure once in the row: a sentence; the status line and URL are in the details', async () => {
  const row = item('missing-report.pdf');
  expect(await row.locator('.transfer-error').textContent()).toBe('The server says this file does not exist (404).');
  const text = (await row.textContent())!;
  expect(text.match(/404/g)).toHaveLength(1);
  expect(text).not.toContain(nginx.url('/missing-report.pdf'));
  await row.getByRole('button', { name: 'Details of missing-report.pdf' }).click();
  const details = page.getByRole('region', { name: 'Details: missing-report.pdf' });
  const technical = details.locator('.detail').filter({ hasText: 'Technical detail' });
  expect(await technical.textContent()).toMatch(/NotFound \(HTTP 404\): .*404.*missing-report\.pdf/);
  await details.getByRole('button', { name: 'Close' }).click();

  // nginx refuses a body over its client_max_body_size (1 MB) with 413.
  const file = path.join(bed.downloads, 'too-big.bin');
  fs.writeFileSync(file, randomBytes(2_000_000));
  await page.getByLabel('Upload files').setInputFiles([file]);
  const dialog = page.getByRole('dialog', { name: 'Upload files' });
  await dialog.getByLabel('Upload to').fill(nginx.url('/uploads/'));
  await expect.poll(() => dialog.getByRole('button', { name: 'Upload', exact: true }).isDisabled(), SLOW).toBe(false);
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect.poll(() => item('too-big.bin').textContent(), SLOW).toContain('Failed');
  const upload = (await item('too-big.bin').textContent())!;
  expect(upload.match(/413/g)).toHaveLength(1);
  expect(await item('too-big.bin').locator('.transfer-error').textContent()).toBe('The server did not accept the upload (413).');
  await page.screenshot({ path: path.join(ARTIFACTS, 'failed-rows.png') });
});

it('with the daemon killed: no live speed, times or chart, every action disabled, a banner that says how to start it; live again when it is back', async () => {
  await add('/slow/frozen.iso');
  await expect.poll(() => item('frozen.iso').locator('.col-speed').textContent(), SLOW).toMatch(/kB\/s/);
  await expect.poll(() => item('frozen.iso').locator('.col-eta').textContent(), SLOW).toMatch(/\d/);
  const port = new URL(bed.daemon.url).port;
  bed.daemon.child.kill('SIGKILL');
  const banner = page.getByRole('alert').filter({ hasText: 'Not connected to Ferry since' });
  await banner.waitFor(SLOW);
  expect(await banner.textContent()).toContain(`ferry daemon --port ${port}`);
  // A few seconds on, still nothing pretends to be live.
  await page.waitForTimeout(2000);
  const row = (await item('frozen.iso').textContent())!;
  expect(row).toMatch(/Downloading\s*as of \d/);
  expect(row).not.toMatch(/kB\/s|MB\/s|left/);
  // The speed and time left are gone, not frozen.
  expect(await item('frozen.iso').locator('.col-speed').textContent()).toBe('');
  expect(await item('frozen.iso').locator('.col-eta').textContent()).toBe('');
  expect(await page.locator('p.totals').textContent()).toMatch(/^as of \d/);
  expect(await page.locator('p.totals').textContent()).not.toMatch(/\/s/);
  expect(await page.locator('.chart figcaption').textContent()).toMatch(/^not connected since \d/);
  // The status bar says the engine is out of reach, and claims nothing about the network it no longer reads.
  expect(await page.getByLabel('Engine, network and power').textContent()).toBe('Not connected');
  for (const name of ['Add download', 'Pause all', 'Resume all', 'Settings', 'Pause frozen.iso', 'Cancel frozen.iso']) {
    expect(await page.getByRole('button', { name, exact: true }).isDisabled()).toBe(true);
  }
  expect(await page.getByRole('button', { name: 'Details of frozen.iso' }).isDisabled()).toBe(false);
  // Keys do nothing either.
  await item('frozen.iso').locator('.col-size').click();
  await page.keyboard.press('Delete');
  expect(await page.getByRole('dialog').count()).toBe(0);
  await page.screenshot({ path: path.join(ARTIFACTS, 'disconnected.png') });

  bed.daemon = await startDaemon(bed.home, {}, ['--port', port]);
  await expect.poll(() => banner.count(), { timeout: 20_000 }).toBe(0);
  await expect.poll(() => item('frozen.iso').textContent(), { timeout: 20_000 }).toMatch(/kB\/s/);
  expect(await item('frozen.iso').textContent()).not.toContain('as of');
  expect(await page.getByRole('button', { name: 'Add download' }).isDisabled()).toBe(false);
  await expect.poll(() => page.locator('.chart figcaption').textContent()).toMatch(/^now /);
  await ferry(['cancel', '--all', '--home', bed.home]);
});
