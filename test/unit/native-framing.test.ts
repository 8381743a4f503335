// The native-messaging framing of `ferry native-host`: length-prefixed JSON in the machine's byte
// order, a 1 MB limit, and garbage that never throws the reader out of step.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameReader, FrameTooLarge } from '../../electron/daemon/native-host/framing.ts';

const LIMIT = 1024 * 1024;
const header = (length: number): Buffer => {
  const b = Buffer.alloc(4);
  if (os.endianness() === 'LE') b.writeUInt32LE(length);
  else b.writeUInt32BE(length);
  return b;
};
const raw = (body: Buffer): Buffer => Buffer.concat([header(body.length), body]);

describe('native-messaging framing', () => {
  it('writes a 4-byte native-order length then the UTF-8 JSON', () => {
    const frame = encodeFrame({ type: 'ping', name: 'ü' });
    const body = Buffer.from('{"type":"ping","name":"ü"}', 'utf8');
    expect(frame).toEqual(raw(body));
  });

  it('refuses to write a message over 1 MB, and writes one of exactly 1 MB', () => {
    const fill = (n: number) => 'x'.repeat(n - 2); // the two quotes of a JSON string
    expect(encodeFrame(fill(LIMIT)).length).toBe(LIMIT + 4);
    expect(() => encodeFrame(fill(LIMIT + 1))).toThrow(FrameTooLarge);
  });

  it('reads messages whatever the chunks: byte by byte, and several in one chunk', () => {
    const stream = Buffer.concat([encodeFrame({ a: 1 }), encodeFrame(['two']), encodeFrame('three')]);
    const reader = new FrameReader();
    const byByte = [...stream].flatMap((byte) => reader.push(Buffer.from([byte])));
    expect(byByte).toEqual([{ message: { a: 1 } }, { message: ['two'] }, { message: 'three' }]);
    expect(reader.midMessage).toBe(false);
    expect(new FrameReader().push(stream)).toEqual(byByte);
  });

  it('skips a message over 1 MB (said once) and reads the next one', () => {
    const reader = new FrameReader();
    const big = raw(Buffer.alloc(LIMIT + 1, 0x20));
    const frames = [...reader.push(big.subarray(0, 1000)), ...reader.push(big.subarray(1000)), ...reader.push(encodeFrame({ type: 'ping' }))];
    expect(frames).toEqual([{ problem: `a message of ${LIMIT + 1} bytes is over the ${LIMIT}-byte limit; it was skipped` }, { message: { type: 'ping' } }]);
  });

  it('reports what is not JSON, not UTF-8, or empty, and stays in step', () => {
    const reader = new FrameReader();
    const frames = reader.push(Buffer.concat([raw(Buffer.from('{not json')), raw(Buffer.from([0xff, 0xfe, 0x22])), header(0), encodeFrame({ ok: 1 })]));
    expect(frames).toEqual([{ problem: 'the message is not JSON' }, { problem: 'the message is not UTF-8' }, { problem: 'an empty message is not JSON' }, { message: { ok: 1 } }]);
  });

  it('knows when the input stopped in the middle of a message', () => {
    const reader = new FrameReader();
    expect(reader.push(encodeFrame({ a: 1 }).subarray(0, 6))).toEqual([]);
    expect(reader.midMessage).toBe(true);
  });
});
