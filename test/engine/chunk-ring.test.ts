// The writer's ring (storage/chunk-ring.ts): once write() returns, the writer holds its own copy of
// the bytes, so the caller's buffer (the HTTP parser's) is free at once; the ring's memory is
// reused as batches reach the file, and a chunk it has no room for is kept as it is.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { ChunkRing } from '../../electron/engine/storage/chunk-ring.ts';
import { openPartFile } from '../../electron/engine/storage/part-file.ts';
import { PartFileWriter } from '../../electron/engine/storage/part-file-writer.ts';
import { tempDir } from '../helpers/engine.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

it('writes the right bytes when the caller reuses its buffer as soon as write() returns', async () => {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, 'f.part');
  const data = randomBytes(9 * 1024 * 1024 + 123);
  const part = await openPartFile(file, 0, null, data.length);
  const writer = new PartFileWriter(part, 0, () => undefined, () => undefined, undefined, undefined, 256 * 1024);
  // One buffer for every chunk, overwritten right after each write, as a socket's read buffer is.
  const reused = Buffer.alloc(100_000);
  for (let at = 0; at < data.length; ) {
    const size = Math.min(reused.length, data.length - at);
    data.copy(reused, 0, at, at + size);
    const more = writer.write(reused.subarray(0, size));
    reused.fill(0xee);
    at += size;
    if (!more) await new Promise((resolve) => writer.once('drain', resolve));
  }
  await new Promise<void>((resolve, reject) => writer.end((error?: Error | null) => (error ? reject(error) : resolve())));
  part.close();
  expect(sha(fs.readFileSync(file))).toBe(sha(data));
});

it('copies into reused memory, wraps around its end, and keeps a chunk as it is when full', () => {
  const ring = new ChunkRing(10);
  const a = Buffer.from('abcd');
  const heldA = ring.hold(a);
  a.fill('x');
  expect(heldA.toString()).toBe('abcd');
  const heldB = ring.hold(Buffer.from('efgh'));
  // 8 of 10 bytes used: no room for 4 more, so the chunk itself comes back.
  const big = Buffer.from('ijkl');
  expect(ring.hold(big)).toBe(big);
  // The first batch reached the file (4 bytes): its room is free for the next copy...
  ring.release(4);
  // ...but a copy is contiguous: 'mnop' skips the last 2 bytes and starts over at 0.
  const heldC = ring.hold(Buffer.from('mnop'));
  expect(heldC.buffer).toBe(heldA.buffer);
  expect(heldC.byteOffset).toBe(heldA.byteOffset);
  expect(heldB.toString()).toBe('efgh');
  // Released mid-chunk, nothing is freed until the whole chunk is written.
  ring.release(2);
  expect(ring.hold(Buffer.from('qr')).buffer).not.toBe(heldA.buffer);
  ring.release(2 + 4 + 4 + 2);
  expect(ring.hold(Buffer.from('0123456789')).toString()).toBe('0123456789');
});

it('copies a chunk the full ring has no room for: a caller that reuses its buffer at once never writes wrong bytes', async () => {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, 'full.part');
  const data = randomBytes(8 * 1024 * 1024);
  const part = await openPartFile(file, 0, null, data.length);
  // A 64 KiB writer: its ring holds 192 KiB, and the writes below never wait for 'drain'.
  const writer = new PartFileWriter(part, 0, () => undefined, () => undefined, undefined, undefined, 64 * 1024);
  const reused = Buffer.alloc(100_000);
  for (let at = 0; at < data.length; at += reused.length) {
    const size = Math.min(reused.length, data.length - at);
    data.copy(reused, 0, at, at + size);
    writer.write(reused.subarray(0, size));
    reused.fill(0xee);
  }
  await new Promise<void>((resolve, reject) => writer.end((error?: Error | null) => (error ? reject(error) : resolve())));
  part.close();
  expect(sha(fs.readFileSync(file))).toBe(sha(data));
});
