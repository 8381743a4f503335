// The Range header of GET /stream/ID: one range honoured, the rest answered whole (RFC 9110).
import { expect, it } from 'vitest';
import { parseRange } from '../../electron/daemon/stream-route.ts';

it('reads one byte range, a suffix, an open end, and clips the end to the length', () => {
  expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
  expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
  expect(parseRange('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 });
  expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
  expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
  expect(parseRange('bytes=500-', null)).toEqual({ start: 500, end: null });
});

it('answers the whole for none, several, a suffix of an unknown length or garbage; 416 past the end', () => {
  for (const header of [undefined, 'bytes=0-1,5-6', 'bytes=-10', 'items=0-1', 'bytes=9-3', 'bytes=-']) expect(parseRange(header, header === 'bytes=-10' ? null : 1000)).toBeNull();
  expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
  expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
});
