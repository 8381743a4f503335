// Writes a download's bytes into its .part file with durable checkpoints (see PartFileWriter).
import fs from 'node:fs';
import { Writable } from 'node:stream';
import type { PartFile } from './part-file.ts';
import { ChunkRing } from './chunk-ring.ts';
import { PlacedWrites } from './placed-writes.ts';

export interface CheckpointPolicy {
  /** Sync at least this often while bytes arrive. */
  everyMs: number;
  /** ...and sooner once this many bytes went through the page cache since the last sync. */
  everyBytes: number;
}

/**
 * A Writable over the part file starting at `offset`. Where direct writes are open (part.direct),
 * each chunk is copied at once into the writer's ring (placed-writes.ts), from which whole units go
 * to the device, several at a time. Elsewhere Node hands buffered chunks to `_writev` while a write
 * is in flight, so a fast network gets large batched writes through the page cache. Every second,
 * or sooner once 8 MiB went through the page cache, it fdatasyncs (in the background) and reports the byte count that is now durable: a checkpoint never
 * claims a byte that was not already written when the sync began. Flushing as it goes keeps the
 * final fsync short and keeps a gigabyte of dirty pages from piling up (they made writes slow).
 */
/** Direct writes in flight per writer (its ring is one unit more): the disk works on several at once. */
const PLACED_DEPTH = 3;

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
  /** The end of the bytes was asked for (sync): no more background checkpoints. */
  private ending = false;
  private reportedWritten: number;
  private reportedDurable: number;
  /** write() said false for want of room in the ring: 'drain' once there is. */
  private placedNeedDrain = false;

  private readonly part: PartFile;
  private readonly onWritten: (position: number) => void;
  private readonly onDurable: (position: number) => void;
  private readonly policy: CheckpointPolicy;
  private readonly flush: (urgent: boolean) => Promise<void>;
  private readonly sharedFlush: boolean;
  /** Direct writes from the writer's own aligned ring, where they are open; else the copies' ring. */
  private readonly placed: PlacedWrites | null;
  private readonly ring: ChunkRing | null;

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
    // that memory stays small. Direct: the unit of each write, the ring PLACED_DEPTH + 1 of them
    // (4 MiB). Otherwise the writer holds up to three times this (chunk-ring.ts). At 16 MiB chunks
    // outlived two scavenges and V8 ran ~30 full GCs per GiB.
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
    this.reportedWritten = offset;
    this.reportedDurable = offset;
    const direct = bufferBytes % 65536 === 0 ? part.direct : null;
    this.placed = direct ? PlacedWrites.open(direct, offset, bufferBytes, PLACED_DEPTH, () => this.placedProgress()) : null;
    // The backlog, the batch in flight and a chunk past the limit on each side.
    this.ring = this.placed ? null : new ChunkRing(3 * bufferBytes);
  }

  get bytesWritten(): number {
    return this.placed ? this.placed.writtenTo : this.position;
  }

  /** Bytes waiting for the next batch (or for room in the ring): the source may keep flowing while this is small. */
  get backlog(): number {
    if (this.placed) return this.placed.room >= this.writableHighWaterMark ? this.writableLength : Math.max(this.writableLength, this.writableHighWaterMark);
    return this.writableLength - this.inFlight;
  }

  /**
   * It keeps no chunk it is given: each is copied before write returns (into the ring, or a copy of
   * its own when the ring is full), so a source may lend it memory it reuses (pipe/lent-chunks.ts).
   */
  override write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    const superWrite = super.write as (...args: unknown[]) => boolean;
    if (!Buffer.isBuffer(chunk)) return superWrite.call(this, chunk, encoding, callback);
    const placed = this.placed;
    if (!placed) {
      const held = this.ring!.hold(chunk);
      return superWrite.call(this, held === chunk ? Buffer.from(chunk) : held, encoding, callback);
    }
    let rest = chunk;
    // Copied now when nothing waits before it: the caller's buffer is free at once.
    if (this.writableLength === 0 && !this.destroyed && !this.writableEnded && placed.failed === null) {
      rest = chunk.subarray(placed.take(chunk));
      this.checkpointIfDue();
    }
    // What found no room waits as a copy of its own, taken into the ring as room comes free.
    const more = superWrite.call(this, rest.length > 0 ? Buffer.from(rest) : rest, encoding, callback);
    if (placed.room >= this.writableHighWaterMark) return more;
    this.placedNeedDrain = true;
    return false;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.writeBatch([chunk], callback);
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    this.writeBatch(chunks.map((c) => c.chunk), callback);
  }

  /** 'batchWritten' comes once the next batch (what queued meanwhile) is under way: see backlog. */
  private writeBatch(buffers: Buffer[], callback: (error?: Error | null) => void): void {
    if (this.placed && buffers.every((b) => b.length === 0)) {
      callback();
      return;
    }
    const writing = this.placed ? this.place(this.placed, buffers) : this.writeBuffers(buffers);
    this.writing = writing;
    writing.then(() => {
      callback();
      this.emit('batchWritten');
      if (this.placed) this.maybeDrain();
    }, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.sync().then(() => callback(), callback);
  }

  /** Into the ring as room comes free (the writes under way complete). */
  private async place(placed: PlacedWrites, buffers: Buffer[]): Promise<void> {
    for (let buffer of buffers) {
      while (buffer.length > 0 && !this.destroyed) {
        const took = placed.take(buffer);
        if (placed.failed !== null) throw placed.failed;
        buffer = buffer.subarray(took);
        this.checkpointIfDue();
        if (buffer.length > 0) await placed.settled();
      }
    }
  }

  /** A write of the ring completed (or a flush): progress, flow and checkpoints. */
  private placedProgress(): void {
    const placed = this.placed!;
    const to = placed.writtenTo;
    if (to > this.reportedWritten) {
      this.reportedWritten = to;
      this.onWritten(to);
    }
    if (this.destroyed) return;
    this.maybeDrain();
    this.emit('batchWritten');
    this.checkpointIfDue();
  }

  /** 'drain' for a write() that said false for want of room, once there is room and nothing waits. */
  private maybeDrain(): void {
    if (this.placedNeedDrain && !this.destroyed && this.writableLength === 0 && this.placed!.room >= this.writableHighWaterMark) {
      this.placedNeedDrain = false;
      this.emit('drain');
    }
  }

  /**
   * A background checkpoint when one is due and there is something new to vouch for: after a
   * batch, a write of the ring, a chunk taken, and the checkpoint before it.
   */
  private checkpointIfDue(): void {
    const placed = this.placed;
    if (this.syncing || this.ending || this.destroyed) return;
    if (placed) this.dirtyBytes += placed.takeBuffered();
    if ((placed ? placed.taken : this.position) <= this.reportedDurable) return;
    if (Date.now() - this.lastSync < this.policy.everyMs && this.dirtyBytes < this.policy.everyBytes) return;
    // A slow link may not fill a unit for a long while: with no write of the ring under way the
    // rest goes to the file the ordinary way, so the checkpoint covers it; otherwise it covers what
    // is written. Not awaited: the network keeps flowing while the disk flushes.
    this.syncing = (placed && placed.writesInFlight === 0 ? placed.flush() : Promise.resolve())
      .then(() => this.syncWritten())
      .catch((error: unknown) => {
        this.syncing = null;
        this.destroy(error as Error);
      });
  }

  private async writeBuffers(buffers: Buffer[]): Promise<void> {
    const count = buffers.reduce((sum, b) => sum + b.length, 0);
    this.inFlight = count;
    const { fd } = this.part;
    let remaining = buffers;
    let at = this.position;
    while (remaining.length > 0) {
      const bytesWritten = await writevAt(fd, remaining, at);
      at += bytesWritten;
      remaining = dropWritten(remaining, bytesWritten);
    }
    this.dirtyBytes += count;
    this.position += count;
    this.ring!.release(count);
    this.inFlight = 0;
    this.onWritten(this.position);
    this.checkpointIfDue();
  }

  /**
   * Resolves when no write or sync is in flight. A writer that was destroyed (an error) may still
   * have one in the thread pool: closing the file under it would let the write land in whatever file
   * reuses the descriptor number.
   */
  async idle(): Promise<void> {
    await this.writing?.catch(() => undefined);
    await this.placed?.drain();
    await this.syncing;
  }

  /**
   * Flushes everything written so far and reports it durable. Only once no batch is in flight
   * (from _final, or after idle()). Direct: every byte the ring took goes to the file first; if
   * that fails, what did reach the file is still flushed and reported before the error.
   */
  async sync(): Promise<void> {
    this.ending = true;
    if (this.syncing) {
      // A shared flush may be waiting for its turn (see sync-gate.ts): the end of the bytes does not wait.
      if (this.sharedFlush) this.flush(true).catch(() => undefined);
      await this.syncing;
    }
    try {
      await this.placed?.flush();
    } finally {
      await this.syncWritten(true);
    }
  }

  /** Syncs what is in the file now (every byte before bytesWritten is). */
  private async syncWritten(urgent = false): Promise<void> {
    const upTo = this.bytesWritten;
    this.dirtyBytes = 0;
    if (this.placed) this.placed.takeBuffered();
    await this.flush(urgent);
    this.lastSync = Date.now();
    this.syncing = null;
    // Checkpoints may end out of order (a background one and the last): never report backwards.
    if (upTo >= this.reportedDurable) {
      this.reportedDurable = upTo;
      this.onDurable(upTo);
    }
    if (!urgent) this.checkpointIfDue();
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
