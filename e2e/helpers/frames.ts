// Frame gaps in the page for a few seconds (requestAnimationFrame to requestAnimationFrame),
// optionally scrolling an element by some pixels each frame: how smooth the page stays.
import type { Page } from 'playwright';

export interface FrameGaps {
  frames: number;
  p95: number;
  max: number;
}

export async function frameGaps(page: Page, { ms = 3000, scroll = null as { selector: string; by: number } | null } = {}): Promise<FrameGaps> {
  const gaps = await page.evaluate(
    ({ ms, scroll }) =>
      new Promise<number[]>((resolve) => {
        const scroller = scroll ? document.querySelector(scroll.selector) : null;
        const result: number[] = [];
        let last = performance.now();
        const start = last;
        const tick = (now: number) => {
          result.push(now - last);
          last = now;
          if (scroller && scroll) scroller.scrollTop += scroll.by;
          if (now - start < ms) requestAnimationFrame(tick);
          else resolve(result);
        };
        requestAnimationFrame(tick);
      }),
    { ms, scroll },
  );
  const sorted = [...gaps].sort((a, b) => a - b);
  return { frames: gaps.length, p95: sorted[Math.floor(sorted.length * 0.95)]!, max: sorted.at(-1)! };
}
