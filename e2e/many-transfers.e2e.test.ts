// 200 live transfers (the limit) in the browser UI: all listed, progress moving. Frame timings are
// printed for the notes, never asserted (speed targets live in the benchmark).
import { cliToken } from '../test/helpers/raw-client.ts';
import { expect, it } from 'vitest';
import { randomFile } from '../test/helpers/fault-server.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';
import { frameGaps } from './helpers/frames.ts';

const bed = useDaemonBed('ferry-e2e200');

it('lists 200 transfers and keeps updating them', async () => {
  const origin = new URL(bed.daemon.url).origin;
  const token = cliToken(bed.home);
  const rpc = async (method: string, args: unknown[]) => {
    const response = await fetch(`${origin}/api/rpc`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ method, args }) });
    return (await response.json()) as { result?: unknown; error?: unknown };
  };
  await rpc('setSettings', [{ maxConcurrent: 8 }]);
  for (let i = 0; i < 200; i++) {
    bed.server.serve(`/many/file-${i}.bin`, randomFile(400_000, { rate: 40_000 }));
    const created = await rpc('createDownload', [{ url: bed.server.url(`/many/file-${i}.bin`), dir: bed.downloads }]);
    expect(created.error).toBeUndefined();
  }
  expect((await rpc('createDownload', [{ url: bed.server.url('/many/one-too-many'), dir: bed.downloads }])).error).toMatchObject({ status: 'TooManyTransfers' });

  const page = await bed.browser.newPage({ viewport: { width: 1100, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(bed.daemon.url);
  // All 200 in the table (it draws those in sight); the oldest at the end, reached with End.
  const grid = page.getByRole('grid', { name: 'Transfers' });
  await expect.poll(async () => Number(await grid.getAttribute('aria-rowcount')), { timeout: 15_000 }).toBe(201);
  expect(await page.locator('.table-body [role=row]').count()).toBeLessThan(100);
  await grid.focus();
  await page.keyboard.press('End');
  const first = page.getByRole('row').filter({ hasText: 'file-0.bin' }).getByRole('progressbar');
  await expect.poll(async () => Number(await first.getAttribute('aria-valuenow')), { timeout: 15_000 }).toBeGreaterThan(0);

  const { frames, p95, max } = await frameGaps(page);
  console.log(`200 transfers: ${frames} frames in 3 s, p95 frame gap ${p95.toFixed(1)} ms, max ${max.toFixed(1)} ms`);
  expect(errors).toEqual([]);
  await page.close();
});
