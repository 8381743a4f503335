// Direct writes from the writer's ring (storage/placed-writes.ts): several in flight at once, every
// byte in place whatever the order they complete in, a checkpoint never vouching for a byte whose
// write has not completed, and after a SIGKILL mid-write every byte reported durable is on disk.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openPartFile, type PartFile } from '../../electron/engine/storage/part-file.ts';
import { PartFileWriter } from '../../electron/engine/storage/part-file-writer.ts';
import { PlacedWrites } from '../../electron/engine/storage/placed-writes.ts';
import { keystreamBytes } from '../helpers/write-until-killed.ts';
import { tempDir } from '../helpers/engine.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const MiB = 1024 * 1024;

/** A file in a fresh folder, removed after the test. */
function partPath(name: string): string {
  const dir = tempDir();
  dirs.push(dir);
  return path.join(dir, name);
}

/** A part file with direct writes open, or a skip where this system or folder has none. */
async function directPart(file: string, offset: number, skip: () => void): Promise<PartFile> {
  const part = await openPartFile(file, offset, null, null);
  if (!part.direct) {
    part.close();
    skip();
  }
  return part;
}

describe('PlacedWrites', () => {
  it('keeps several direct writes in flight and puts every byte in place from an unaligned offset', async (context) => {
    const file = partPath('p.part');
    const data = randomBytes(21 * MiB + 4321);
    const start = 5 * MiB + 777; // a resume mid-block: the block before it is read back and rewritten
    fs.writeFileSync(file, Buffer.concat([data.subarray(0, start), randomBytes(3000)])); // junk past it is cut
    const part = await directPart(file, start, () => context.skip());
    const progress: number[] = [];
    const placed = PlacedWrites.open(part.direct!, start, MiB, 3, () => progress.push(placed!.writtenTo))!;
    // The ring (4 units, from the block the offset is in) fills at once; three whole units go to
    // the device together.
    const ringEnd = 5 * MiB + 4 * MiB;
    expect(placed.take(data.subarray(start, ringEnd + 1000))).toBe(ringEnd - start);
    expect(placed.writesInFlight).toBe(3);
    expect(placed.room).toBe(0);
    let at = ringEnd;
    const sizes = [65_536, 100_003, 1, 262_144 + 5, 4096];
    for (let i = 0; at < data.length; i++) {
      const chunk = data.subarray(at, Math.min(data.length, at + sizes[i % sizes.length]!));
      const took = placed.take(chunk);
      at += took;
      if (took < chunk.length) await placed.settled();
    }
    await placed.flush();
    part.close();
    expect(placed.writtenTo).toBe(data.length);
    // Progress only goes forward, and ends at the last byte.
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(data.length);
    // All but the last partial unit went to the device directly.
    expect(part.direct!.bytesDirect).toBeGreaterThanOrEqual(data.length - start - 2 * MiB);
    expect(fs.statSync(file).size).toBe(data.length);
    expect(sha(fs.readFileSync(file))).toBe(sha(data));
  });
});

describe('PartFileWriter with direct writes in flight', () => {
  it('vouches at each checkpoint only for bytes that were in the file when its sync began', async (context) => {
    const file = partPath('c.part');
    const data = randomBytes(24 * MiB + 99);
    const part = await directPart(file, 0, () => context.skip());
    const mismatches: string[] = [];
    const durable: number[] = [];
    let writer: PartFileWriter | null = null;
    // The flush sees what the checkpoint will vouch for (bytesWritten, taken just before it): the
    // bytes just before it (the likeliest to be still in flight) must be the source's already.
    const flush = async () => {
      const p = writer!.bytesWritten;
      const from = Math.max(0, p - 512 * 1024);
      const onDisk = Buffer.alloc(p - from);
      const fd = fs.openSync(file, 'r');
      try {
        fs.readSync(fd, onDisk, 0, onDisk.length, from);
      } finally {
        fs.closeSync(fd);
      }
      if (!onDisk.equals(data.subarray(from, p))) mismatches.push(`checkpoint at ${p}`);
      await part.datasync();
    };
    // A checkpoint at every chance, while writes are in flight.
    writer = new PartFileWriter(part, 0, () => undefined, (p) => durable.push(p), { everyMs: 0, everyBytes: 1 }, flush);
    for (let at = 0; at < data.length; at += 200_000) {
      if (!writer.write(data.subarray(at, at + 200_000))) await new Promise((resolve) => writer.once('drain', resolve));
    }
    await new Promise<void>((resolve, reject) => writer.end((error?: Error | null) => (error ? reject(error) : resolve())));
    part.close();
    expect(mismatches).toEqual([]);
    expect(durable.filter((p) => p > 0 && p < data.length).length).toBeGreaterThan(0);
    expect(durable).toEqual([...durable].sort((a, b) => a - b));
    expect(durable.at(-1)).toBe(data.length);
    expect(part.direct!.bytesDirect).toBeGreaterThan(16 * MiB);
    expect(sha(fs.readFileSync(file))).toBe(sha(data));
  });

  it('keeps no chunk it is lent: a source that scribbles over its buffer after each write, even past a full ring, leaves the file right', async (context) => {
    const file = partPath('lent.part');
    const data = randomBytes(20 * MiB + 777);
    const part = await directPart(file, 0, () => context.skip());
    const writer = new PartFileWriter(part, 0, () => undefined, () => undefined, { everyMs: 0, everyBytes: 4 * MiB }, () => part.datasync());
    // One buffer reused for every read, as the shared read buffer is; write() saying false is
    // ignored on purpose so that chunks arrive while the ring is full.
    const lent = Buffer.alloc(256 * 1024);
    for (let at = 0; at < data.length; at += lent.length) {
      const piece = data.subarray(at, at + lent.length);
      piece.copy(lent);
      writer.write(lent.subarray(0, piece.length));
      lent.fill(0xee);
    }
    await new Promise<void>((resolve, reject) => writer.end((error?: Error | null) => (error ? reject(error) : resolve())));
    part.close();
    expect(sha(fs.readFileSync(file))).toBe(sha(data));
  });

  it('after a SIGKILL mid-write, every byte reported durable is on disk and right', async (context) => {
    const file = partPath('k.part');
    const probe = await openPartFile(`${file}.probe`, 0, null, null);
    const direct = probe.direct !== null;
    probe.close();
    if (!direct) context.skip();
    const child = spawn(process.execPath, [path.join(import.meta.dirname, '../helpers/write-until-killed.ts'), file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    // Killed once it has checkpointed 16 MiB, some of it written directly; it never stops writing,
    // so writes are under way when the kill comes.
    let lastDurable = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        const lines = [...output.matchAll(/^durable (\d+) direct (\d+)$/gm)];
        const last = lines.at(-1);
        if (last && Number(last[1]) >= 16 * MiB && Number(last[2]) > 0) {
          child.kill('SIGKILL');
          lastDurable = Number(last[1]);
          resolve();
        }
      });
      child.once('exit', () => reject(new Error(`the writer exited before the kill: ${errors}`)));
    });
    expect(await exited).toBe('SIGKILL');
    // Lines printed after the one that triggered the kill count too.
    for (const line of output.matchAll(/^durable (\d+)/gm)) lastDurable = Math.max(lastDurable, Number(line[1]));
    const onDisk = fs.readFileSync(file);
    expect(onDisk.length).toBeGreaterThanOrEqual(lastDurable);
    expect(sha(onDisk.subarray(0, lastDurable))).toBe(sha(keystreamBytes(lastDurable)));
  });
});
