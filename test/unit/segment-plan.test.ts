import { describe, expect, it } from 'vitest';
import { RangeSet } from '../../electron/engine/storage/range-set.ts';
import { helpMinSeconds, HELP_MIN_PIECE, nextWork, SPLIT_ALIGN, type LaneView } from '../../electron/engine/segments/plan.ts';
import { ConnectionRamp, ONE_IS_ENOUGH_BYTES_PER_SEC, RECHECK_MS, windowMs } from '../../electron/engine/segments/ramp.ts';
import { HostLimits } from '../../electron/engine/segments/host-limits.ts';

const MiB = 1024 * 1024;
const lane = (start: number, end: number, received: number, speed = 0): LaneView => ({ start, end, received, speed });

describe('segment planning', () => {
  it('takes the largest part nobody owns first', () => {
    const durable = new RangeSet([[0, 10 * MiB]]);
    const work = nextWork(durable, [lane(10 * MiB, 20 * MiB, 12 * MiB)], 40 * MiB, null);
    expect(work).toEqual({ start: 20 * MiB, end: 40 * MiB, victim: null });
  });

  it('gives a new connection the far half of the longest remainder, on a 64 KiB boundary', () => {
    const a = lane(0, 30 * MiB, 1000);
    const b = lane(30 * MiB, 40 * MiB, 31 * MiB);
    const work = nextWork(new RangeSet(), [a, b], 40 * MiB, null)!;
    expect(work.victim).toBe(a);
    expect(work.start % SPLIT_ALIGN).toBe(0);
    expect(work.start).toBeGreaterThanOrEqual(1000 + (30 * MiB - 1000) / 2);
    expect(work.start - (1000 + (30 * MiB - 1000) / 2)).toBeLessThan(SPLIT_ALIGN);
    expect(work.end).toBe(30 * MiB);
  });

  it('lets a freed connection help the one that would finish last, in proportion to their speeds', () => {
    const fast = lane(0, 20 * MiB, 19 * MiB, 10 * MiB);
    const slow = lane(20 * MiB, 40 * MiB, 21 * MiB, 1 * MiB);
    // The helper runs at 9 MiB/s: it takes 9/10 of what the slow one has left.
    const work = nextWork(new RangeSet(), [fast, slow], 40 * MiB, { speed: 9 * MiB, answerWaitMs: 5 })!;
    expect(work.victim).toBe(slow);
    const expected = 21 * MiB + (19 * MiB * 1) / 10;
    expect(work.start).toBeGreaterThanOrEqual(expected);
    expect(work.start).toBeLessThan(expected + SPLIT_ALIGN);
  });

  it('helps at the tail down to a quarter of a second or four answers\' waits, never below the smallest piece', () => {
    const helper = (answerWaitMs: number | null) => ({ speed: 5 * MiB, answerWaitMs });
    expect(helpMinSeconds(null)).toBe(0.25);
    expect(helpMinSeconds(200)).toBe(0.8);
    // 2 MiB left at 5 MiB/s: 0.4 s, worth a near server's answer (5 ms), not a far one's (200 ms).
    const tail = lane(0, 10 * MiB, 8 * MiB, 5 * MiB);
    const work = nextWork(new RangeSet(), [tail], 10 * MiB, helper(5))!;
    expect(work.victim).toBe(tail);
    expect(work.start).toBe(9 * MiB);
    expect(nextWork(new RangeSet(), [tail], 10 * MiB, helper(200))).toBeNull();
    // Speeds far apart: each keeps at least the smallest piece.
    const crawling = lane(0, 10 * MiB, 9 * MiB - 64 * 1024, 1024);
    const taken = nextWork(new RangeSet(), [crawling], 10 * MiB, { speed: 100 * MiB, answerWaitMs: 5 })!;
    expect(taken.start - crawling.received).toBeGreaterThanOrEqual(HELP_MIN_PIECE);
    expect(10 * MiB - taken.start).toBeGreaterThanOrEqual(HELP_MIN_PIECE - SPLIT_ALIGN);
  });

  it('does not split a part that ends soon or is small', () => {
    expect(nextWork(new RangeSet(), [lane(0, 10 * MiB, 9 * MiB, 5 * MiB)], 10 * MiB, { speed: 5 * MiB, answerWaitMs: 5 })).toBeNull(); // 0.2 s left
    expect(nextWork(new RangeSet(), [lane(0, 10 * MiB, 10 * MiB - HELP_MIN_PIECE - 100_000, 1000)], 10 * MiB, { speed: 1 * MiB, answerWaitMs: 5 })).toBeNull(); // < 1 MiB
    expect(nextWork(new RangeSet(), [lane(0, 10 * MiB, 9 * MiB)], 10 * MiB, null)).toBeNull(); // a new one: < 2 MiB
  });
});

describe('the connection ramp', () => {
  const window = (bytesPerSec: number, extra: Partial<{ busy: number; allStreaming: boolean; throttled: boolean; tail: boolean }> = {}) => ({
    bytesPerSec,
    busy: 0.05,
    allStreaming: true,
    throttled: false,
    tail: false,
    ...extra,
  });

  it('starts at 1, goes to 4 when that one is not fast, doubles while throughput rises by 5% or more, then holds', () => {
    const ramp = new ConnectionRamp({ fixed: null, max: 32 });
    expect(ramp.allowed).toBe(1);
    expect(ramp.window(window(10))).toBe(4);
    expect(ramp.window(window(11))).toBe(8);
    expect(ramp.window(window(15))).toBe(16);
    expect(ramp.window(window(15.7))).toBe(16);
    expect(ramp.window(window(100))).toBe(16);
  });

  it('looks once more a second after a flat window (an early burst hid the cap), then holds for good', () => {
    let now = 0;
    const ramp = new ConnectionRamp({ fixed: null, max: 16 }, () => now);
    expect(ramp.window(window(40))).toBe(4); // one connection sending a burst
    expect(ramp.window(window(40))).toBe(4); // four, the bursts over: flat
    now += RECHECK_MS - 1;
    expect(ramp.window(window(20))).toBe(4);
    now += 1;
    expect(ramp.window(window(20))).toBe(8); // once more, from what four give now
    expect(ramp.window(window(40))).toBe(16); // doubling doubled it: capped connections, up to the maximum
    const flat = new ConnectionRamp({ fixed: null, max: 64 }, () => now);
    flat.window(window(10));
    flat.window(window(10));
    now += RECHECK_MS;
    expect(flat.window(window(10))).toBe(8);
    expect(flat.window(window(10))).toBe(8);
    now += 10 * RECHECK_MS;
    expect(flat.window(window(10))).toBe(8);
  });

  it('leaves one connection alone when it is already fast (the CPU or the disk is the limit there)', () => {
    const fast = new ConnectionRamp({ fixed: null, max: 16 });
    expect(fast.window(window(ONE_IS_ENOUGH_BYTES_PER_SEC))).toBe(1);
    expect(fast.window(window(1))).toBe(1);
    const slow = new ConnectionRamp({ fixed: null, max: 16 });
    expect(slow.window(window(ONE_IS_ENOUGH_BYTES_PER_SEC - 1))).toBe(4);
    // Only the lone connection's speed decides: several that are fast together may still grow.
    expect(slow.window(window(2 * ONE_IS_ENOUGH_BYTES_PER_SEC))).toBe(16);
  });

  it('adds none while this process is busy most of the window (its CPU is the limit), however slow', () => {
    const busy = new ConnectionRamp({ fixed: null, max: 16 });
    expect(busy.window(window(10, { busy: 0.5 }))).toBe(1);
    expect(busy.window(window(1, { busy: 0 }))).toBe(1);
    const later = new ConnectionRamp({ fixed: null, max: 16 });
    expect(later.window(window(10, { busy: 0.49 }))).toBe(4);
    expect(later.window(window(20, { busy: 0.9 }))).toBe(4);
  });

  it('quadruples while more connections nearly doubled the throughput (a server capping each connection)', () => {
    const ramp = new ConnectionRamp({ fixed: null, max: 128 });
    expect(ramp.window(window(5))).toBe(4);
    expect(ramp.window(window(10))).toBe(16);
    expect(ramp.window(window(15))).toBe(32);
    expect(ramp.window(window(25))).toBe(128);
  });

  it('makes its windows long enough for a slow answer, within 0.15 and 2 s', () => {
    expect(windowMs(null)).toBe(150);
    expect(windowMs(1)).toBe(150);
    expect(windowMs(25)).toBe(200);
    expect(windowMs(120)).toBe(960);
    expect(windowMs(900)).toBe(2000);
  });

  it('judges no window that says nothing about the server', () => {
    const ramp = new ConnectionRamp({ fixed: null, max: 16 });
    expect(ramp.window(window(10, { throttled: true }))).toBe(1);
    expect(ramp.window(window(10, { tail: true }))).toBe(1);
    expect(ramp.window(window(10, { allStreaming: false }))).toBe(1);
    expect(ramp.window(window(0))).toBe(1);
    expect(ramp.window(window(10))).toBe(4);
  });

  it('stops at the maximum, keeps a fixed count, and takes a refusal as the limit', () => {
    const capped = new ConnectionRamp({ fixed: null, max: 3 });
    expect(capped.window(window(10))).toBe(3);
    expect(capped.window(window(20))).toBe(3);
    expect(new ConnectionRamp({ fixed: 6, max: 16 }).window(window(10))).toBe(6);
    const ramp = new ConnectionRamp({ fixed: null, max: 16 });
    ramp.window(window(10));
    expect(ramp.refused(3)).toBe(3);
    expect(ramp.window(window(1000))).toBe(3);
    expect(ramp.probe()).toBe(4);
  });

  it('remembers a host limit for a day', () => {
    let now = 0;
    const hosts = new HostLimits(() => now);
    hosts.learn('http://a', 4);
    expect(hosts.capOf('http://a')).toBe(4);
    expect(hosts.capOf('http://b')).toBeNull();
    now += 24 * 60 * 60 * 1000;
    expect(hosts.capOf('http://a')).toBeNull();
  });
});
