// What a daemon killed mid-download left: the ranges its state calls saved, each checked against
// the source's bytes in the part file (a segmented download's crash tests).
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

type SavedState = { operations: Record<string, { doneRanges: Array<[number, number]> | null; bytesDurable: number; state: string }> };

/** The record of `id` in the state file of `home`. */
export function savedRecord(home: string, id: string): SavedState['operations'][string] | undefined {
  return (JSON.parse(fs.readFileSync(path.join(home, 'state.json'), 'utf8')) as SavedState).operations[id];
}

const rangesBytes = (ranges: Array<[number, number]>): number => ranges.reduce((sum, [s, e]) => sum + e - s, 0);

/** The bytes the saved record calls durable: its ranges, or its one prefix when it has none. */
export function savedDurable(record: SavedState['operations'][string] | undefined): number {
  if (!record) return 0;
  return record.doneRanges ? rangesBytes(record.doneRanges) : record.bytesDurable;
}

/** The bytes the saved ranges hold, once each is checked to hold `body`'s bytes in `partPath` (the whole length of `body`). */
export function savedRangesHold(home: string, id: string, partPath: string, body: Buffer): { ranges: Array<[number, number]>; durable: number } {
  const ranges = savedRecord(home, id)?.doneRanges ?? [];
  const part = fs.readFileSync(partPath);
  expect(part.length).toBe(body.length);
  for (const [start, end] of ranges) expect(part.subarray(start, end).equals(body.subarray(start, end))).toBe(true);
  return { ranges, durable: rangesBytes(ranges) };
}
