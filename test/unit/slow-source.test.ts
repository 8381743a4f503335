// The "much slower" rule of a segmented run's addresses (segments/slow-source.ts): judged per
// connection over a window, against the best address measured, only while enough is left.
import { expect, it } from 'vitest';
import { SLOW_MIN_LEFT, slowSources } from '../../electron/engine/segments/slow-source.ts';

const MiB = 1024 * 1024;

it('finds an address under a quarter of the best one\'s speed per connection slow, while it holds enough to fetch', () => {
  // 4 connections at 1 MiB/s each for 10 s; one connection at 200 KiB/s; one at 300 KiB/s (above a quarter).
  expect(slowSources([
    { bytes: 40 * MiB, laneMs: 40_000, left: 8 * MiB },
    { bytes: 2 * MiB, laneMs: 10_000, left: 2 * MiB },
    { bytes: 3 * MiB, laneMs: 10_000, left: 2 * MiB },
  ])).toEqual([false, true, false]);
});

it('judges per connection: fewer connections alone do not make an address slow', () => {
  expect(slowSources([
    { bytes: 80 * MiB, laneMs: 80_000, left: 8 * MiB },
    { bytes: 10 * MiB, laneMs: 10_000, left: 8 * MiB },
  ])).toEqual([false, false]);
});

it('leaves alone an address with little left, one measured too briefly, and a single address', () => {
  expect(slowSources([
    { bytes: 40 * MiB, laneMs: 40_000, left: 0 },
    { bytes: 1024, laneMs: 10_000, left: SLOW_MIN_LEFT - 1 },
    { bytes: 0, laneMs: 500, left: 8 * MiB },
  ])).toEqual([false, false, false]);
  expect(slowSources([{ bytes: 1024, laneMs: 10_000, left: 8 * MiB }])).toEqual([false]);
  // Nothing moved anywhere: nobody is slower than anybody.
  expect(slowSources([{ bytes: 0, laneMs: 10_000, left: 8 * MiB }, { bytes: 0, laneMs: 10_000, left: 8 * MiB }])).toEqual([false, false]);
});
