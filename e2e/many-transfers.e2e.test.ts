// 200 live transfers (the limit) in the browser UI: all listed, progress moving. Frame timings are
// printed for the notes, never asserted (speed targets live in the benchmark).
import { cliToken } from '../test/helpers/raw-client.ts';
import { expect, it } from 'vitest';
import { randomFile } from '../test/helpers/fault-server.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

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
  await expect.poll(() => page.getByRole('listitem').count(), { timeout: 15_000 }).toBe(200);
  const first = page.getByRole('listitem').filter({ hasText: 'file-0.bin' }).getByRole('progressbar');
  await expect.poll(async () => Number(await first.getAttribute('aria-valuenow')), { timeout: 15_000 }).toBeGreaterThan(0);

  const frames = await page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const gaps: number[] = [];
        let last = performance.now();
        const start = last;
        const tick = (now: number) => {
          gaps.push(now - last);
          last = now;
          if (now - start < 3000) requestAnimationFrame(tick);
          else resolve(gaps);
        };
        requestAnimationFrame(tick);
      }),
  );
  const sorted = [...frames].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)]!;
  console.log(`200 transfers: ${frames.length} frames in 3 s, p95 frame gap ${p95.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`);
  expect(errors).toEqual([]);
  await page.close();
});
