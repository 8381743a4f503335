// The part file: every byte lands where it belongs whichever way it is written (direct or through
// the page cache, from any offset, in batches of any size), and checkpoints never run ahead.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openPartFile, PartFileWriter, type CheckpointPolicy } from '../../electron/engine/part-file.ts';
import { directIoAvailable } from '../../electron/engine/direct-io.ts';
import { tempDir } from '../helpers/engine.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Writes `data` from `offset` in the given batch sizes; returns the checkpoints and the writer's part. */
async function writeInBatches(file: string, data: Buffer, offset: number, batches: number[], policy?: CheckpointPolicy) {
  const part = await openPartFile(file, offset);
  const durable: Array<{ at: number; written: number }> = [];
  let written = offset;
  const writer = new PartFileWriter(part, offset, (p) => (written = p), (p) => durable.push({ at: p, written }), policy);
  let at = offset;
  for (let i = 0; at < data.length; i++) {
    const size = Math.min(batches[i % batches.length]!, data.length - at);
    // Several chunks per batch, as a socket delivers them, so _writev sees lists.
    const chunks = [data.subarray(at, at + Math.floor(size / 3)), data.subarray(at + Math.floor(size / 3), at + size)];
    for (const chunk of chunks) if (chunk.length > 0) writer.write(chunk);
    await new Promise((resolve) => writer.write(Buffer.alloc(0), resolve));
    at += size;
  }
  await new Promise<void>((resolve, reject) => writer.end((error?: Error | null) => (error ? reject(error) : resolve())));
  const direct = part.direct?.bytesDirect ?? 0;
  await part.close();
  return { durable, direct };
}

describe('PartFileWriter', () => {
  it('checkpoints every few MiB on a fast stream without waiting for the clock', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const data = randomBytes(8 * 1024 * 1024);
    // Small batches (through the page cache) and a clock that never fires in this test.
    const { durable } = await writeInBatches(path.join(dir, 'x.part'), data, 0, [64 * 1024], { everyMs: 60_000, everyBytes: 1024 * 1024 });
    expect(durable.length).toBeGreaterThan(3);
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

  it('writes through the page cache alone when direct I/O is switched off (FERRY_DIRECT_IO=0)', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const data = randomBytes(6 * 1024 * 1024 + 5);
    const file = path.join(dir, 'z.part');
    const previous = process.env['FERRY_DIRECT_IO'];
    process.env['FERRY_DIRECT_IO'] = '0';
    try {
      const { direct } = await writeInBatches(file, data, 0, [2 * 1024 * 1024]);
      expect(direct).toBe(0);
    } finally {
      if (previous === undefined) delete process.env['FERRY_DIRECT_IO'];
      else process.env['FERRY_DIRECT_IO'] = previous;
    }
    expect(sha(fs.readFileSync(file))).toBe(sha(data));
  });
});

describe('PartFileWriter.idle', () => {
  it('waits for a write still in flight after the writer was destroyed, so the file can be closed safely', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'w.part');
    const part = await openPartFile(file, 0);
    const writer = new PartFileWriter(part, 0, () => undefined, () => undefined);
    writer.on('error', () => undefined);
    const data = randomBytes(6 * 1024 * 1024 + 3);
    writer.write(data);
    writer.destroy(new Error('the disk said no')); // as after a failed sync
    await writer.idle();
    // The write that was in flight has finished before anyone may close the descriptors.
    expect(fs.statSync(file).size).toBe(data.length);
    await part.close();
    expect(sha(fs.readFileSync(file))).toBe(sha(data));
  });
});
