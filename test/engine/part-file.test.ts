// The part file: every byte lands where it belongs whichever way it is written (direct or through
// the page cache, from any offset, in batches of any size), and checkpoints never run ahead.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openPartFile } from '../../electron/engine/storage/part-file.ts';
import { PartFileWriter, type CheckpointPolicy } from '../../electron/engine/storage/part-file-writer.ts';
import { directIoAvailable } from '../../electron/engine/storage/direct-io.ts';
import { SyncGate } from '../../electron/engine/storage/sync-gate.ts';
import { tempDir } from '../helpers/engine.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Writes `data` from `offset` in the given batch sizes; returns the checkpoints and the writer's part. */
async function writeInBatches(file: string, data: Buffer, offset: number, batches: number[], policy?: CheckpointPolicy, untilDurable = false) {
  const part = await openPartFile(file, offset, null, null);
  const durable: Array<{ at: number; written: number }> = [];
  let written = offset;
  const onDurable = (p: number) => {
    // A checkpoint may only vouch for bytes that are in the file.
    expect(fs.statSync(file).size).toBeGreaterThanOrEqual(p);
    durable.push({ at: p, written });
  };
  const writer = new PartFileWriter(part, offset, (p) => (written = p), onDurable, policy);
  let at = offset;
  for (let i = 0; at < data.length; i++) {
    const size = Math.min(batches[i % batches.length]!, data.length - at);
    // Several chunks per batch, as a socket delivers them, so _writev sees lists.
    const chunks = [data.subarray(at, at + Math.floor(size / 3)), data.subarray(at + Math.floor(size / 3), at + size)];
    for (const chunk of chunks) if (chunk.length > 0) writer.write(chunk);
    await new Promise((resolve) => writer.write(Buffer.alloc(0), resolve));
    at += size;
    // Each batch checkpointed before the next (direct writes complete after the write's callback).
    if (untilDurable) await expect.poll(() => durable.at(-1)?.at, { timeout: 30_000 }).toBe(at);
  }
  await new Promise<void>((resolve, reject) => writer.end((error?: Error | null) => (error ? reject(error) : resolve())));
  const direct = part.direct?.bytesDirect ?? 0;
  part.close();
  return { durable, direct };
}

describe('PartFileWriter', () => {
  it('checkpoints every few MiB through the page cache without waiting for the clock', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const data = randomBytes(8 * 1024 * 1024);
    // Small batches through the page cache (direct writes leave no dirty pages to bound) and a
    // clock that never fires in this test.
    const { durable } = await withoutDirectIo(() =>
      writeInBatches(path.join(dir, 'x.part'), data, 0, [64 * 1024], { everyMs: 60_000, everyBytes: 1024 * 1024 }),
    );
    // At least one before the end: the byte count called for it, not the clock (how many depends on
    // how long each background fdatasync takes, which a loaded machine stretches).
    expect(durable.filter((c) => c.at < data.length).length).toBeGreaterThan(0);
    expect(durable.at(-1)!.at).toBe(data.length);
    for (const checkpoint of durable) expect(checkpoint.at).toBeLessThanOrEqual(checkpoint.written);
    expect(sha(fs.readFileSync(path.join(dir, 'x.part')))).toBe(sha(data));
  });

  it('writes every byte in place from unaligned offsets, mixing direct and page-cache writes', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const data = randomBytes(24 * 1024 * 1024 + 12345);
    const file = path.join(dir, 'y.part');
    // A first attempt stops at an unaligned offset; the next resumes there with batch sizes that
    // cross block boundaries: big (direct), small (page cache), odd.
    const cut = 5 * 1024 * 1024 + 777;
    fs.writeFileSync(file, data.subarray(0, cut + 1000)); // junk past the checkpoint is cut off
    const { direct } = await writeInBatches(file, data, cut, [3 * 1024 * 1024 + 1, 4097, 700_001, 9 * 1024 * 1024 + 3, 123]);
    expect(fs.statSync(file).size).toBe(data.length);
    expect(sha(fs.readFileSync(file))).toBe(sha(data));
    if (directIoAvailable()) {
      expect(direct).toBeGreaterThan(8 * 1024 * 1024);
    } else {
      console.log('direct I/O is not available here: only the page-cache path was exercised');
    }
  });

  it('checkpoints after every batch without vouching for a byte not yet in the file', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const data = randomBytes(12 * 1024 * 1024 + 999);
    const file = path.join(dir, 'v.part');
    // Big batches with unaligned ends: with direct I/O each leaves a partial block in memory.
    const { durable } = await writeInBatches(file, data, 0, [1024 * 1024 + 4097, 2 * 1024 * 1024 + 1], { everyMs: 0, everyBytes: 1 }, true);
    expect(durable.length).toBeGreaterThan(2);
    expect(durable.at(-1)!.at).toBe(data.length);
    expect(sha(fs.readFileSync(file))).toBe(sha(data));
  });

  it('keeps the partial block of a direct write in memory until something needs it in the file', async (context) => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'u.part');
    const part = await openPartFile(file, 0, null, null);
    if (!part.direct) {
      // Another system, or a temp folder on a filesystem without O_DIRECT: nothing to check here.
      part.close();
      context.skip();
    }
    const durable: number[] = [];
    let written = 0;
    const writer = new PartFileWriter(part, 0, (p) => (written = p), (p) => durable.push(p), { everyMs: 60_000, everyBytes: Infinity });
    const data = randomBytes(3 * 1024 * 1024 + 100);
    await new Promise((resolve) => writer.write(data, resolve));
    // Written directly up to the last whole block; the 100 bytes after it wait in memory.
    await expect.poll(() => written, { timeout: 30_000 }).toBe(3 * 1024 * 1024);
    expect(fs.statSync(file).size).toBe(3 * 1024 * 1024);
    // A small write goes through the page cache, after the tail, which must land first.
    const more = randomBytes(5000);
    await new Promise((resolve) => writer.write(more, resolve));
    await new Promise<void>((resolve, reject) => writer.end((error?: Error | null) => (error ? reject(error) : resolve())));
    part.close();
    expect(durable).toEqual([data.length + more.length]);
    expect(sha(fs.readFileSync(file))).toBe(sha(Buffer.concat([data, more])));
  });

  it('opens no direct descriptor for a download known to be too small for one direct batch', async (context) => {
    const dir = tempDir();
    dirs.push(dir);
    const probe = await openPartFile(path.join(dir, 'probe.part'), 0, null, null);
    const canGoDirect = probe.direct !== null;
    probe.close();
    if (!canGoDirect) context.skip(); // nothing to leave out where direct writes never happen
    const small = await openPartFile(path.join(dir, 'small.part'), 0, null, 100_000);
    expect(small.direct).toBeNull();
    small.close();
    // A megabyte to come can fill direct batches: that one gets its descriptor.
    const rest = await openPartFile(path.join(dir, 'rest.part'), 0, null, 1024 * 1024);
    expect(rest.direct).not.toBeNull();
    rest.close();
  });

  it('writes through the page cache alone when direct I/O is switched off (FERRY_DIRECT_IO=0)', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const data = randomBytes(6 * 1024 * 1024 + 5);
    const file = path.join(dir, 'z.part');
    const { direct } = await withoutDirectIo(() => writeInBatches(file, data, 0, [2 * 1024 * 1024]));
    expect(direct).toBe(0);
    expect(sha(fs.readFileSync(file))).toBe(sha(data));
  });
});

describe('two writers in one part file (a segmented download)', () => {
  it('each writes its part in place, direct where it can, meeting at a 64 KiB boundary, and shares one flush', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'two.part');
    const data = randomBytes(9 * 1024 * 1024 + 777);
    const split = 64 * 1024 * 70; // a split point as segments/plan.ts makes them
    // The file at its whole length (sparse), as a segmented download makes it; the first writer
    // has 100 bytes behind it already (a resume at an unaligned offset).
    fs.writeFileSync(file, data.subarray(0, 100));
    const home = await openPartFile(file, 100, null, 0, { size: data.length });
    const gate = new SyncGate(() => home.datasync(), 0);
    const a = await openPartFile(file, 100, null, split - 100, { size: data.length });
    const b = await openPartFile(file, split, null, data.length - split, { size: data.length });
    const durable: Array<[number, number]> = [];
    const writerA = new PartFileWriter(a, 100, () => undefined, (p) => durable.push([100, p]), undefined, (urgent) => gate.sync(urgent));
    const writerB = new PartFileWriter(b, split, () => undefined, (p) => durable.push([split, p]), undefined, (urgent) => gate.sync(urgent));
    // Batches of 512 KiB (big enough for direct writes). The worst order for a shared block: A
    // writes all of its part, the bytes just before the split included, before B writes at all.
    const pieces = (from: number, to: number) => {
      const out: Buffer[] = [];
      for (let at = from; at < to; at += 512 * 1024 + 3) out.push(data.subarray(at, Math.min(to, at + 512 * 1024 + 3)));
      return out;
    };
    const end = (w: PartFileWriter) => new Promise<void>((resolve, reject) => w.end((error?: Error | null) => (error ? reject(error) : resolve())));
    for (const [writer, list] of [[writerA, pieces(100, split)], [writerB, pieces(split, data.length)]] as const) {
      for (const piece of list) await new Promise((resolve) => writer.write(piece, resolve));
      await end(writer);
    }
    const direct = (a.direct?.bytesDirect ?? 0) + (b.direct?.bytesDirect ?? 0);
    for (const part of [a, b, home]) part.close();
    expect(sha(fs.readFileSync(file))).toBe(sha(data));
    expect(durable).toContainEqual([100, split]);
    expect(durable).toContainEqual([split, data.length]);
    // Where the system writes directly, both writers did (the block before the split is A's alone).
    if (directIoAvailable() && new PartFileProbe(dir).direct) expect(direct).toBeGreaterThan(0);
  });
});

async function withoutDirectIo<T>(run: () => Promise<T>): Promise<T> {
  const previous = process.env['FERRY_DIRECT_IO'];
  process.env['FERRY_DIRECT_IO'] = '0';
  try {
    return await run();
  } finally {
    if (previous === undefined) delete process.env['FERRY_DIRECT_IO'];
    else process.env['FERRY_DIRECT_IO'] = previous;
  }
}

/** Whether this folder's file system takes direct writes at all (tmpfs does not). */
class PartFileProbe {
  direct: boolean;
  constructor(dir: string) {
    const file = path.join(dir, 'probe');
    fs.writeFileSync(file, '');
    try {
      fs.closeSync(fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_DIRECT));
      this.direct = true;
    } catch {
      this.direct = false;
    }
  }
}

describe('PartFileWriter.idle', () => {
  it('waits for a write still in flight after the writer was destroyed, so the file can be closed safely', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'w.part');
    const part = await openPartFile(file, 0, null, null);
    const writer = new PartFileWriter(part, 0, () => undefined, () => undefined);
    writer.on('error', () => undefined);
    const data = randomBytes(6 * 1024 * 1024 + 3);
    writer.write(data);
    writer.destroy(new Error('the disk said no')); // as after a failed sync
    await writer.idle();
    // The writes that were in flight have finished before anyone may close the descriptors: all of
    // the batch, or with direct I/O all that its 4 MiB ring took at once (whole units of 1 MiB;
    // the rest was never taken, and is fetched again).
    const written = part.direct ? 4 * 1024 * 1024 : data.length;
    expect(fs.statSync(file).size).toBe(written);
    expect(writer.bytesWritten).toBe(written);
    await writer.sync(); // what the attempt does next
    expect(fs.statSync(file).size).toBe(written);
    part.close();
    expect(sha(fs.readFileSync(file))).toBe(sha(data.subarray(0, written)));
  });
});
