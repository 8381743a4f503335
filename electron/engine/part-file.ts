// The on-disk side of a download: the .part file, its durable checkpoints, and the final rename.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';

export function partPathFor(finalPath: string): string {
  return `${finalPath}.part`;
}

/** Size of the file, or 0 when it does not exist. */
export async function fileSize(file: string): Promise<number> {
  try {
    return (await fsp.stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

export async function removeIfExists(file: string): Promise<void> {
  await fsp.rm(file, { force: true });
}

/**
 * Opens the part file for writing at `offset`, cutting off anything after it: bytes beyond the last
 * durable checkpoint were never vouched for and are fetched again.
 */
export async function openPartAt(partPath: string, offset: number): Promise<fsp.FileHandle> {
  const handle = await fsp.open(partPath, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
  try {
    await handle.truncate(offset);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/**
 * A Writable over a FileHandle starting at `offset`. Node hands buffered chunks to `_writev` while
 * a write is in flight, so a fast network gets large batched writes. Every `checkpointMs`, or
 * sooner once `checkpointBytes` more were written, it fdatasyncs (in the background) and reports
 * the byte count that is now durable: a checkpoint never claims a byte that was not already written
 * when the sync began. Flushing as it goes keeps the final fsync short, and on Linux it keeps the
 * writes fast too: a file with a gigabyte of dirty pages wrote ~30% slower in `npm run bench`.
 */
export class PartFileWriter extends Writable {
  private position: number;
  private lastSync = Date.now();
  private lastSyncPosition: number;
  private syncing: Promise<void> | null = null;

  private readonly handle: fsp.FileHandle;
  private readonly onWritten: (position: number) => void;
  private readonly onDurable: (position: number) => void;
  private readonly checkpointMs: number;
  private readonly checkpointBytes: number;

  constructor(
    handle: fsp.FileHandle,
    offset: number,
    onWritten: (position: number) => void,
    onDurable: (position: number) => void,
    checkpointMs = 1000,
    checkpointBytes = 8 * 1024 * 1024,
  ) {
    // A deep buffer keeps the socket from being paused (and the TCP window from closing) every
    // time the disk is a little slower than the network: on loopback 16 MiB is ~2x faster than 1.
    super({ highWaterMark: 16 * 1024 * 1024 });
    this.handle = handle;
    this.onWritten = onWritten;
    this.onDurable = onDurable;
    this.checkpointMs = checkpointMs;
    this.checkpointBytes = checkpointBytes;
    this.position = offset;
    this.lastSyncPosition = offset;
  }

  get bytesWritten(): number {
    return this.position;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.writeBuffers([chunk]).then(() => callback(), callback);
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    this.writeBuffers(chunks.map((c) => c.chunk)).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.sync().then(() => callback(), callback);
  }

  private async writeBuffers(buffers: Buffer[]): Promise<void> {
    let remaining = buffers;
    while (remaining.length > 0) {
      const bytesWritten = await writevAt(this.handle.fd, remaining, this.position);
      this.position += bytesWritten;
      remaining = dropWritten(remaining, bytesWritten);
    }
    this.onWritten(this.position);
    if (!this.syncing && (Date.now() - this.lastSync >= this.checkpointMs || this.position - this.lastSyncPosition >= this.checkpointBytes)) {
      // Not awaited: the network keeps flowing while the disk flushes.
      this.syncing = this.sync().catch((error: unknown) => {
        this.destroy(error as Error);
      });
    }
  }

  /** Flushes everything written so far and reports it durable. */
  async sync(): Promise<void> {
    if (this.syncing) await this.syncing;
    const upTo = this.position;
    this.lastSyncPosition = upTo;
    await this.handle.datasync();
    this.lastSync = Date.now();
    this.syncing = null;
    this.onDurable(upTo);
  }
}

/** The callback API: measurably cheaper per call than FileHandle.writev on a fast stream. */
function writevAt(fd: number, buffers: Buffer[], position: number): Promise<number> {
  return new Promise((resolve, reject) => {
    fs.writev(fd, buffers, position, (error, written) => (error ? reject(error) : resolve(written)));
  });
}

function dropWritten(buffers: Buffer[], count: number): Buffer[] {
  let left = count;
  const out: Buffer[] = [];
  for (const buffer of buffers) {
    if (left >= buffer.length) {
      left -= buffer.length;
    } else {
      out.push(left > 0 ? buffer.subarray(left) : buffer);
      left = 0;
    }
  }
  return out;
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Makes the finished part file the destination: fsync data, rename, fsync the folder. */
export async function promotePartFile(partPath: string, finalPath: string): Promise<void> {
  const handle = await fsp.open(partPath, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await renameWithRetry(partPath, finalPath);
  await syncDirectory(path.dirname(finalPath));
}

/** Windows antivirus can hold a file briefly (EPERM/EBUSY): retry a few times before giving up. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fsp.rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 5 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
    }
  }
}

export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
