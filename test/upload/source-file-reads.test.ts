// Reading a file to upload: in line on a local Linux filesystem, through the thread pool anywhere
// else and for a while after a slow read; the same bytes either way, and a file cut short fails.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { InlineReads, inlineReadsFor, POOLED_AFTER_SLOW, POOLED_AFTER_SLOW_MAX, SLOW_READ_MS, TURN_EVERY_MS } from '../../electron/engine/storage/inline-reads.ts';
import { openSourceFile } from '../../electron/engine/storage/source-file.ts';
import type { UploadFile } from '../../electron/engine/state/records.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-source-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function uploadFile(bytes: Buffer): UploadFile {
  const file = path.join(dir, 'source.bin');
  fs.writeFileSync(file, bytes);
  const stat = fs.statSync(file);
  return { path: file, field: 'file', name: 'source.bin', contentType: 'application/octet-stream', partHeaders: {}, size: stat.size, mtimeMs: stat.mtimeMs };
}

async function readWhole(file: UploadFile, reads: InlineReads, chunk = 64 * 1024): Promise<Buffer> {
  const reader = await openSourceFile(file, 0, reads);
  const parts: Buffer[] = [];
  const buffer = Buffer.alloc(chunk);
  try {
    for (let n = await reader.read(buffer); n > 0; n = await reader.read(buffer)) parts.push(Buffer.from(buffer.subarray(0, n)));
  } finally {
    await reader.close();
  }
  return Buffer.concat(parts);
}

it('reads in line on ext4 and tmpfs, through the pool on NFS, FUSE, an unknown type or off Linux', async () => {
  const on = (type: number, platform: NodeJS.Platform = 'linux') => inlineReadsFor('/x', { platform, statfsType: async () => type });
  const inLine = async (reads: Promise<InlineReads>) => (await reads).read(() => 7) === 7;
  expect(await inLine(on(0xef53))).toBe(true);
  expect(await inLine(on(0x01021994))).toBe(true);
  expect(await inLine(on(0x6969))).toBe(false); // NFS
  expect(await inLine(on(0x65735546))).toBe(false); // FUSE (sshfs, ...)
  expect(await inLine(on(0x12345678))).toBe(false);
  expect(await inLine(on(0xef53, 'darwin'))).toBe(false);
  expect(await inLine(inlineReadsFor('/x', { platform: 'linux', statfsType: () => Promise.reject(new Error('EIO')) }))).toBe(false);
});

it('sends the reads after a slow one through the pool, then tries in line again', () => {
  let clock = 0;
  const reads = new InlineReads(true, () => clock);
  let inLine = 0;
  const read = (ms: number) => reads.read(() => {
    clock += ms;
    inLine++;
    return 1;
  });
  expect(read(1)).toBe(1);
  expect(read(SLOW_READ_MS + 1)).toBe(1); // it ran, and was slow
  for (let i = 0; i < POOLED_AFTER_SLOW; i++) expect(read(0)).toBeNull();
  expect(read(0)).toBe(1);
  expect(inLine).toBe(3);
});

it('waits twice as long after each further slow read, up to a limit, and starts over after a quick one', () => {
  let clock = 0;
  const reads = new InlineReads(true, () => clock);
  const slow = () => reads.read(() => ((clock += SLOW_READ_MS + 1), 1));
  /** How many reads went to the pool before one ran in line again. */
  const pooledRun = () => {
    let pooled = 0;
    while (reads.read(() => 0) === null) pooled++;
    return pooled;
  };
  // Slow, then quick once it is tried again: the next slow read starts over from the first wait.
  const runs: number[] = [];
  slow();
  for (let i = 0; i < 8; i++) {
    runs.push(pooledRun());
    slow();
  }
  expect(runs.every((n) => n === POOLED_AFTER_SLOW)).toBe(true);
  // Slow every time it is tried: 64, 128, ... up to the limit.
  const growing: number[] = [];
  for (let i = 0; i < 8; i++) {
    let pooled = 0;
    while (reads.read(() => ((clock += SLOW_READ_MS + 1), 1)) === null) pooled++;
    growing.push(pooled);
  }
  expect(growing).toEqual([POOLED_AFTER_SLOW, 128, 256, 512, 1024, 2048, POOLED_AFTER_SLOW_MAX, POOLED_AFTER_SLOW_MAX]);
});

it('gives the loop a turn once reads in line have held it for a while, not after every read', async () => {
  let clock = 0;
  const reads = new InlineReads(true, () => clock);
  const order: string[] = [];
  setImmediate(() => order.push('the loop'));
  await reads.turn(); // no time has passed: straight on
  order.push('quick read');
  clock += TURN_EVERY_MS;
  await reads.turn();
  order.push('after a while');
  expect(order).toEqual(['quick read', 'the loop', 'after a while']);
});

it('lets timers run while a file is read in line', async () => {
  const file = uploadFile(randomBytes(8 * 1024 * 1024));
  // A clock where every read takes as long as the loop may be held (not slow enough for the pool).
  let clock = 0;
  const reader = await openSourceFile(file, 0, new InlineReads(true, () => (clock += TURN_EVERY_MS)));
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  const buffer = Buffer.alloc(64 * 1024);
  let total = 0;
  try {
    for (let n = await reader.read(buffer); n > 0; n = await reader.read(buffer)) total += n;
  } finally {
    clearInterval(timer);
    await reader.close();
  }
  expect(total).toBe(file.size);
  expect(ticks).toBeGreaterThan(0);
});

it('gives the same bytes read in line and through the pool (this machine\'s temp folder)', async () => {
  const bytes = randomBytes(1_000_003);
  const file = uploadFile(bytes);
  expect(await readWhole(file, await inlineReadsFor(file.path))).toSatisfy((read: Buffer) => read.equals(bytes));
  expect(await readWhole(file, new InlineReads(false))).toSatisfy((read: Buffer) => read.equals(bytes));
  expect(await readWhole(file, new InlineReads(true), 1_000_003)).toSatisfy((read: Buffer) => read.equals(bytes));
});

it('fails with ResourceChanged, in line or pooled, when the file is shorter than when the upload was created', async () => {
  const file = uploadFile(randomBytes(300_000));
  fs.truncateSync(file.path, 200_000);
  for (const reads of [new InlineReads(true), new InlineReads(false)]) {
    await expect(readWhole(file, reads)).rejects.toMatchObject({ status: 'ResourceChanged' });
  }
});
