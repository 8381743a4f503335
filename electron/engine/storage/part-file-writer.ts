// Writes a download's bytes into its .part file with durable checkpoints (see PartFileWriter).
import fs from 'node:fs';
import { Writable } from 'node:stream';
import type { PartFile } from './part-file.ts';
import { ChunkRing } from './chunk-ring.ts';

export interface CheckpointPolicy {
  /** Sync at least this often while bytes arrive. */
  everyMs: number;
  /** ...and sooner once this many bytes went through the page cache since the last sync. */
  everyBytes: number;
}

/**
 * A Writable over the part file starting at `offset`. Node hands buffered chunks to `_writev` while
 * a write is in flight, so a fast network gets large batched writes (which go to the device
 * directly where possible). Every second, or sooner once 8 MiB went through the page cache, it
 * fdatasyncs (in the background) and reports the byte count that is now durable: a checkpoint never
 * claims a byte that was not already written when the sync began. Flushing as it goes keeps the
 * final fsync short and keeps a gigabyte of dirty pages from piling up (they made writes slow).
 */
export class PartFileWriter extends Writable {
  private position: number;
  private lastSync = Date.now();
  /** Bytes written through the page cache since the last sync began. */
  private dirtyBytes = 0;
  /** Bytes of the batch being written now (the rest of writableLength waits for the next one). */
  private inFlight = 0;
  private syncing: Promise<void> | null = null;
  /** The batch being written, if any: the descriptors must outlive it (see idle). */
  private writing: Promise<void> | null = null;

  private readonly part: PartFile;
  private readonly onWritten: (position: number) => void;
  private readonly onDurable: (position: number) => void;
  private readonly policy: CheckpointPolicy;
  private readonly flush: (urgent: boolean) => Promise<void>;
  private readonly sharedFlush: boolean;
  private readonly ring: ChunkRing;

  /**
   * `shared`: the flush of a file other writers write too (segments; see sync-gate.ts), instead of
   * this writer's own fdatasync; `urgent` at the end of the writer's bytes.
   */
  constructor(
    part: PartFile,
    offset: number,
    onWritten: (position: number) => void,
    onDurable: (position: number) => void,
    policy: CheckpointPolicy = { everyMs: 1000, everyBytes: 8 * 1024 * 1024 },
    shared?: (urgent: boolean) => Promise<void>,
    // Deep enough that the socket keeps flowing while the disk works (see pump), shallow enough
    // that memory stays small: the writer holds up to three times this (chunk-ring.ts). At 16 MiB
    // chunks outlived two scavenges and V8 ran ~30 full GCs per GiB; 1 MiB with the ring is as fast
    // as 4 MiB was in `npm run bench` and peaks ~100 MiB lower.
    bufferBytes = 1024 * 1024,
  ) {
    super({ highWaterMark: bufferBytes });
    this.part = part;
    this.onWritten = onWritten;
    this.onDurable = onDurable;
    this.policy = policy;
    this.flush = shared ?? (() => part.datasync());
    this.sharedFlush = shared !== undefined;
    this.position = offset;
    // The backlog, the batch in flight and a chunk past the limit on each side.
    this.ring = new ChunkRing(3 * bufferBytes);
  }

  get bytesWritten(): number {
    return this.position;
  }

  /** Bytes waiting for the next batch: the source may keep flowing while this is small. */
  get backlog(): number {
    return this.writableLength - this.inFlight;
  }

  /**
   * It keeps no chunk it is given: each is copied before write returns (into the ring, or a copy of
   * its own when the ring is full), so a source may lend it memory it reuses (pipe/lent-chunks.ts).
   */
  override write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    let held = chunk;
    if (Buffer.isBuffer(chunk)) {
      held = this.ring.hold(chunk);
      if (held === chunk) held = Buffer.from(chunk);
    }
    return (super.write as (...args: unknown[]) => boolean)(held, encoding, callback);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.writeBatch([chunk], callback);
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    this.writeBatch(chunks.map((c) => c.chunk), callback);
  }

  /** 'batchWritten' comes once the next batch (what queued meanwhile) is under way: see backlog. */
  private writeBatch(buffers: Buffer[], callback: (error?: Error | null) => void): void {
    const writing = this.writeBuffers(buffers);
    this.writing = writing;
    writing.then(() => {
      callback();
      this.emit('batchWritten');
    }, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.sync().then(() => callback(), callback);
  }

  private async writeBuffers(buffers: Buffer[]): Promise<void> {
    const count = buffers.reduce((sum, b) => sum + b.length, 0);
    this.inFlight = count;
    const { direct, fd } = this.part;
    if (!(await direct?.write(buffers, this.position, count))) {
      await direct?.flushTail();
      let remaining = buffers;
      let at = this.position;
      while (remaining.length > 0) {
        const bytesWritten = await writevAt(fd, remaining, at);
        at += bytesWritten;
        remaining = dropWritten(remaining, bytesWritten);
      }
      direct?.wroteBuffered(buffers, at);
      this.dirtyBytes += count;
    }
    this.position += count;
    this.ring.release(count);
    this.inFlight = 0;
    this.onWritten(this.position);
    if (!this.syncing && (Date.now() - this.lastSync >= this.policy.everyMs || this.dirtyBytes >= this.policy.everyBytes)) {
      // The checkpoint vouches for every byte so far, so they must all be in the file first.
      await direct?.flushTail();
      // Not awaited: the network keeps flowing while the disk flushes.
      this.syncing = this.syncWritten().catch((error: unknown) => {
        this.destroy(error as Error);
      });
    }
  }

  /**
   * Resolves when no write or sync is in flight. A writer that was destroyed (an error) may still
   * have one in the thread pool: closing the file under it would let the write land in whatever file
   * reuses the descriptor number.
   */
  async idle(): Promise<void> {
    await this.writing?.catch(() => undefined);
    await this.syncing;
  }

  /**
   * Flushes everything written so far and reports it durable. Only once no batch is in flight
   * (from _final, or after idle()): it may write the direct writes' tail.
   */
  async sync(): Promise<void> {
    if (this.syncing) {
      // A shared flush may be waiting for its turn (see sync-gate.ts): the end of the bytes does not wait.
      if (this.sharedFlush) this.flush(true).catch(() => undefined);
      await this.syncing;
    }
    await this.part.direct?.flushTail();
    await this.syncWritten(true);
  }

  /** Syncs what is in the file now (every byte up to the current position must be). */
  private async syncWritten(urgent = false): Promise<void> {
    const upTo = this.position;
    this.dirtyBytes = 0;
    await this.flush(urgent);
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
