// Speed limits on a clock the test turns: the average over any few seconds stays at the limit, a
// burst is at most half a second's worth, and a limit changed or lifted applies to the next take.
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../electron/engine/pipe/token-bucket.ts';
import { RateLimits } from '../../electron/engine/pipe/rate-limits.ts';

/** Moves `chunk`-byte pieces as fast as the pacer lets them for `ms`; the bytes moved. */
function run(take: (bytes: number) => void, waitLeft: () => number, clock: { at: number }, ms: number, chunk = 16_384): number {
  const end = clock.at + ms;
  let moved = 0;
  while (clock.at < end) {
    const wait = waitLeft();
    if (wait > 0) {
      clock.at += Math.max(1, Math.min(wait, end - clock.at));
      continue;
    }
    take(chunk);
    moved += chunk;
  }
  return moved;
}

describe('TokenBucket', () => {
  it('holds the average to the limit within a few percent over 10 s, any chunk size', () => {
    for (const chunk of [1_000, 16_384, 1_048_576]) {
      const clock = { at: 0 };
      const bucket = new TokenBucket(1_000_000, () => clock.at);
      const moved = run((b) => bucket.take(b), () => bucket.waitLeft(), clock, 10_000, chunk);
      expect(moved / 10).toBeGreaterThan(0.95 * 1_000_000);
      expect(moved / 10).toBeLessThan(1.1 * 1_000_000 + chunk / 10);
    }
  });

  it('lets at most half a second of bytes through at once after a rest', () => {
    const clock = { at: 0 };
    const bucket = new TokenBucket(1_000_000, () => clock.at);
    clock.at += 60_000;
    bucket.take(400_000);
    expect(bucket.waitLeft()).toBe(0);
    bucket.take(200_000);
    expect(bucket.waitLeft()).toBeCloseTo(100, 5);
  });

  it('applies a new limit at once, forgiving a debt under the old one; null lifts it', () => {
    const clock = { at: 0 };
    const bucket = new TokenBucket(10_000, () => clock.at);
    bucket.take(100_000);
    expect(bucket.waitLeft()).toBeCloseTo(10_000, 5);
    bucket.setRate(1_000_000);
    expect(bucket.waitLeft()).toBe(0);
    bucket.setRate(null);
    bucket.take(1e12);
    expect(bucket.waitLeft()).toBe(0);
    expect(bucket.limit).toBeNull();
  });
});

describe('RateLimits', () => {
  it('paces a transfer by the stricter of its own limit and its kind\'s, shared by all of that kind', () => {
    const clock = { at: 0 };
    const limits = new RateLimits(() => clock.at);
    limits.setGlobal({ download: 2_000_000, upload: 0 });
    let ownA: number | null = null;
    const a = limits.pacerFor('download', () => ownA);
    const b = limits.pacerFor('download', () => null);
    const up = limits.pacerFor('upload', () => null);
    expect(up.limited()).toBe(false);
    // Two downloads share 2 MB/s.
    let turn = 0;
    const both = run((n) => (turn++ % 2 ? a : b).take(n), () => Math.max(a.waitLeft(), b.waitLeft()), clock, 10_000);
    expect(both / 10).toBeGreaterThan(1.9e6);
    expect(both / 10).toBeLessThan(2.2e6);
    // Its own, lower limit, set while it runs, applies to it.
    ownA = 500_000;
    const alone = run((n) => a.take(n), () => a.waitLeft(), clock, 10_000);
    expect(alone / 10).toBeGreaterThan(0.45e6);
    expect(alone / 10).toBeLessThan(0.56e6);
    ownA = null;
    limits.setGlobal({ download: 0, upload: 0 });
    expect(a.limited()).toBe(false);
    a.take(1e12);
    expect(a.waitLeft()).toBe(0);
  });
});
