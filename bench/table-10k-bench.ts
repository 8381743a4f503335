// `npm run bench` (the window): 10,000 transfers in the table with 200 updating ten times a second
// (a stand-in bridge: the engine keeps at most 200 unfinished), in Debian's Chromium. Prints the
// p95 and worst frame gap while idle and while scrolling (a wheel's notch every frame) and the
// page's JavaScript heap. Target: p95 <= 16.7 ms (one frame at 60 Hz). Not a test: nothing asserts.
import type { CDPSession } from 'playwright';
import { launchChromium } from '../e2e/helpers/browser.ts';
import { installFakeBridge } from '../e2e/helpers/fake-bridge.ts';
import { frameGaps } from '../e2e/helpers/frames.ts';
import { startDaemon } from '../test/helpers/cli.ts';
import { tempDir } from '../test/helpers/engine.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const MiB = 1024 * 1024;
/** Rows updating ten times a second (BENCH_LIVE; 0 shows what the table costs at rest). */
const LIVE = Number(process.env['BENCH_LIVE'] ?? 200);

/**
 * Chromium's own counters over `run`, per frame: seconds of script, style, layout and all tasks (wall
 * time: a loaded machine inflates them) and ThreadTime, the main thread's CPU time (what the page's
 * work costs, whatever else runs); and the DOM's size after it.
 */
async function costOf<T>(cdp: CDPSession, run: () => Promise<T>): Promise<{ result: T; perFrame: (frames: number) => string }> {
  const read = async () => new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await read();
  const result = await run();
  const after = await read();
  const ms = (name: string, frames: number) => (((after.get(name) ?? 0) - (before.get(name) ?? 0)) * 1000) / Math.max(1, frames);
  return {
    result,
    perFrame: (frames) =>
      ['ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'TaskDuration', 'ThreadTime'].map((name) => `${name.replace('Duration', '')} ${ms(name, frames).toFixed(1)} ms`).join(', ') +
      `; ${after.get('Nodes')} DOM nodes, ${after.get('LayoutObjects')} layout objects`,
  };
}

const daemon = await startDaemon(tempDir('ferry-bench-10k-'));
const browser = await launchChromium();
try {
  for (let run = 1; run <= RUNS; run++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await installFakeBridge(page, 10_000, LIVE);
    // The daemon serves the page only; the stand-in bridge answers it.
    await page.goto(daemon.url);
    await page.getByRole('grid', { name: 'Transfers' }).and(page.locator('[aria-rowcount="10001"]')).waitFor({ timeout: 30_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const idleCost = await costOf(cdp, () => frameGaps(page));
    const scrollCost = await costOf(cdp, () => frameGaps(page, { scroll: { selector: '.table-scroll', by: 120 } }));
    const [idle, scrolling] = [idleCost.result, scrollCost.result];
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    console.log(
      `run ${run}: idle p95 ${idle.p95.toFixed(1)} ms (max ${idle.max.toFixed(1)}, ${idle.frames} frames in 3 s); ` +
        `scrolling p95 ${scrolling.p95.toFixed(1)} ms (max ${scrolling.max.toFixed(1)}, ${scrolling.frames} frames); JS heap ${(heap / MiB).toFixed(1)} MiB`,
    );
    console.log(`  main thread per frame, idle: ${idleCost.perFrame(idle.frames)}; scrolling: ${scrollCost.perFrame(scrolling.frames)}`);
    await page.close();
  }
} finally {
  await browser.close();
  await daemon.stop();
}
