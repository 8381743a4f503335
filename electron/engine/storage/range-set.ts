// Which bytes of a file are on disk, as a sorted list of disjoint half-open ranges [start, end).
// A segmented download's durable ranges are one of these (saved with its record); so are the bytes
// its connections are writing. Kept short: neighbours are merged as they meet.

export type ByteRange = [start: number, end: number];

export class RangeSet {
  private readonly list: ByteRange[] = [];

  constructor(ranges: ReadonlyArray<readonly [number, number]> = []) {
    for (const [start, end] of ranges) this.add(start, end);
  }

  /** Adds [start, end): overlapping and touching ranges become one. */
  add(start: number, end: number): void {
    if (end <= start) return;
    let i = 0;
    while (i < this.list.length && this.list[i]![1] < start) i++;
    let from = start;
    let to = end;
    let remove = 0;
    while (i + remove < this.list.length && this.list[i + remove]![0] <= to) {
      const [s, e] = this.list[i + remove]!;
      from = Math.min(from, s);
      to = Math.max(to, e);
      remove++;
    }
    this.list.splice(i, remove, [from, to]);
  }

  /** Bytes covered. */
  get bytes(): number {
    let sum = 0;
    for (const [start, end] of this.list) sum += end - start;
    return sum;
  }

  /** The gaps between 0 and `total`, in order. */
  holes(total: number): ByteRange[] {
    const out: ByteRange[] = [];
    let at = 0;
    for (const [start, end] of this.list) {
      if (start >= total) break;
      if (start > at) out.push([at, start]);
      at = Math.max(at, end);
    }
    if (at < total) out.push([at, total]);
    return out;
  }

  covers(start: number, end: number): boolean {
    return this.list.some(([s, e]) => s <= start && end <= e);
  }

  /** Where the bytes from `start` on stop being covered (`start` itself when it is not). */
  contiguousFrom(start: number): number {
    const range = this.list.find(([s, e]) => s <= start && start < e);
    return range ? range[1] : start;
  }

  isComplete(total: number): boolean {
    return total === 0 || this.covers(0, total);
  }

  toJSON(): ByteRange[] {
    return this.list.map(([start, end]) => [start, end]);
  }
}
