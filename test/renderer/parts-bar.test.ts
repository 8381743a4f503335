import { describe, expect, it } from 'vitest';
import { partsToDraw } from '../../renderer/src/components/PartsBar.tsx';

describe('the parts bar', () => {
  it('places each range along the file, in percent', () => {
    expect(partsToDraw([[0, 250], [500, 1000]], 1000)).toEqual([[0, 25], [50, 50]]);
  });

  it('draws ranges closer than one of its 200 cells as one', () => {
    const total = 200_000; // a cell is 1000 bytes
    expect(partsToDraw([[0, 10_000], [10_500, 20_000], [50_000, 60_000]], total)).toEqual([[0, 10], [25, 5]]);
    // However many ranges, at most one element per cell.
    const many: Array<[number, number]> = Array.from({ length: 5000 }, (_, i) => [i * 40, i * 40 + 20]);
    expect(partsToDraw(many, total).length).toBeLessThanOrEqual(200);
  });

  it('draws nothing for an empty file or no ranges', () => {
    expect(partsToDraw([], 100)).toEqual([]);
    expect(partsToDraw([[0, 0]], 0)).toEqual([]);
  });
});
