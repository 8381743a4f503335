import { describe, expect, it } from 'vitest';
import { RangeSet } from '../../electron/engine/storage/range-set.ts';

describe('RangeSet', () => {
  it('merges overlapping and touching ranges and keeps them in order', () => {
    const set = new RangeSet();
    set.add(10, 20);
    set.add(30, 40);
    set.add(20, 25);
    set.add(0, 5);
    expect(set.toJSON()).toEqual([[0, 5], [10, 25], [30, 40]]);
    set.add(4, 31);
    expect(set.toJSON()).toEqual([[0, 40]]);
    expect(set.bytes).toBe(40);
  });

  it('ignores empty ranges and answers holes, coverage and what follows a point', () => {
    const set = new RangeSet([[5, 5], [2, 4], [8, 10]]);
    expect(set.toJSON()).toEqual([[2, 4], [8, 10]]);
    expect(set.holes(12)).toEqual([[0, 2], [4, 8], [10, 12]]);
    expect(set.holes(9)).toEqual([[0, 2], [4, 8]]);
    expect(set.covers(2, 4)).toBe(true);
    expect(set.covers(3, 9)).toBe(false);
    expect(set.contiguousFrom(8)).toBe(10);
    expect(set.contiguousFrom(5)).toBe(5);
    expect(set.isComplete(10)).toBe(false);
    set.add(0, 8);
    expect(set.isComplete(10)).toBe(true);
    expect(new RangeSet().isComplete(0)).toBe(true);
  });

  it('holds sizes beyond 4 GiB exactly', () => {
    const big = 5 * 1024 ** 3 + 7;
    const set = new RangeSet([[0, 2 ** 32], [2 ** 32 + 1, big]]);
    expect(set.holes(big)).toEqual([[2 ** 32, 2 ** 32 + 1]]);
    expect(set.bytes).toBe(big - 1);
  });
});
