// The queue in the browser UI against the daemon: a queued row says its place and why it waits
// ("2nd in queue, waiting for a free slot"), and the row menu's Move to top / up / down / bottom
// change the order the daemon starts them in (seen in ferry ls --json and in the server's requests).
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-queue');
const SLOW = { timeout: 20_000 };
let page: Page;
let hold: string;
const NAMES = ['w1.bin', 'w2.bin', 'w3.bin', 'w4.bin'];
type Row = { id: string; url: string; state: string; priority: string; queueOrder: number };
const listed = async (): Promise<Row[]> => (await ferry(['ls', '--json', '--home', bed.home])).stdout.trim().split('\n').map((l) => JSON.parse(l) as Row);
const queue = async () =>
  (await listed())
    .filter((r) => r.state === 'queued')
    .sort((a, b) => (a.priority === b.priority ? a.queueOrder - b.queueOrder : a.priority === 'high' ? -1 : 1))
    .map((r) => r.url.split('/').pop());
const item = (name: string) => page.getByRole('grid', { name: 'Transfers' }).getByRole('row').filter({ hasText: name });
const status = (name: string) => item(name).locator('.col-status').textContent();

beforeAll(async () => {
  await ferry(['config', 'set', 'maxConcurrent', '1', '--home', bed.home]);
  bed.server.serve('/q/hold.bin', randomFile(5_000_000, { rate: 50_000 }));
  hold = (await ferry(['add', bed.server.url('/q/hold.bin'), '-d', bed.downloads, '--connections', '1', '--home', bed.home])).stdout.trim();
  for (const name of NAMES) {
    bed.server.serve(`/q/${name}`, randomFile(30_000));
    await ferry(['add', bed.server.url(`/q/${name}`), '-d', bed.downloads, '--home', bed.home]);
  }
  page = await bed.browser.newPage({ viewport: { width: 1280, height: 700 } });
  await page.goto(bed.daemon.url);
  await item('w4.bin').waitFor(SLOW);
});

it('says where each queued row stands and why it waits', async () => {
  await expect.poll(() => status('w1.bin'), SLOW).toBe('Queued1st in queue, waiting for a free slot');
  expect(await status('w2.bin')).toBe('Queued2nd in queue, waiting for a free slot');
  expect(await status('w4.bin')).toBe('Queued4th in queue, waiting for a free slot');
});

it('moves rows with the row menu: to the top, down, up and to the bottom, and the daemon starts them in that order', async () => {
  const move = async (name: string, label: string) => {
    await item(name).locator('.col-size').click({ button: 'right' });
    await page.getByRole('menu', { name: `Actions for ${name}` }).getByRole('menuitem', { name: label, exact: true }).click();
  };
  await move('w3.bin', 'Move to top');
  await expect.poll(queue, SLOW).toEqual(['w3.bin', 'w1.bin', 'w2.bin', 'w4.bin']);
  await expect.poll(() => status('w3.bin'), SLOW).toBe('Queued1st in queue, waiting for a free slot');
  await move('w3.bin', 'Move down');
  await expect.poll(queue, SLOW).toEqual(['w1.bin', 'w3.bin', 'w2.bin', 'w4.bin']);
  await move('w4.bin', 'Move up');
  await expect.poll(queue, SLOW).toEqual(['w1.bin', 'w3.bin', 'w4.bin', 'w2.bin']);
  await move('w1.bin', 'Move to bottom');
  await expect.poll(queue, SLOW).toEqual(['w3.bin', 'w4.bin', 'w2.bin', 'w1.bin']);
  await expect.poll(() => status('w1.bin'), SLOW).toBe('Queued4th in queue, waiting for a free slot');
  await page.screenshot({ path: path.join(ARTIFACTS, 'queue-places.png') });
  // A running row has no place to move: the menu offers no move.
  await item('hold.bin').locator('.col-size').click({ button: 'right' });
  expect(await page.getByRole('menuitem', { name: 'Move to top' }).count()).toBe(0);
  await page.keyboard.press('Escape');
  const before = bed.server.requests.length;
  await ferry(['pause', hold, '--home', bed.home]);
  await expect.poll(async () => (await listed()).filter((r) => r.state === 'completed').length, SLOW).toBe(4);
  const order = bed.server.requests.slice(before).map((r) => r.path).filter((p) => /\/w\d\.bin$/.test(p));
  expect(order).toEqual(['/q/w3.bin', '/q/w4.bin', '/q/w2.bin', '/q/w1.bin']);
});
