// A direct writer's memory: one page-aligned ring in which each byte sits at its file offset modulo
// the ring's size, so any run of whole blocks in it is already aligned as O_DIRECT wants and goes
// to the device straight from there (no staging copy), and several such writes are in flight at
// once: with one at a time the disk saw queue depth 1 (`dd oflag=direct` here: 1 MiB writes
// 581 MB/s one at a time; libuv's thread pool runs up to 4 pwrite calls at different offsets).
// Writes start and end on `unit` boundaries of the file where they can; what is short of a unit
// stays in the ring until the unit is full, or goes to the file the ordinary way when the device is
// idle (a slow link), a checkpoint or the end needs it (the next direct write rewrites its partial
// block whole). A failed direct write is redone the
// ordinary way from the same memory, and the rest of the download goes that way.
import { ALIGN, pwrite, pwriteAll, type DirectWrites } from './direct-io.ts';
import { pageAlignedMemory } from './aligned-memory.ts';

interface InFlight {
  start: number;
  end: number;
}

export class PlacedWrites {
  /** Bytes written the ordinary way (through the page cache) since `takeBuffered` last asked. */
  private bufferedBytes = 0;
  /** The file offset after the last byte taken. */
  private end: number;
  /** Every byte before this was handed to a write (always a block boundary). */
  private submitted: number;
  /** Bytes from `submitted` up to here are in the file already (the ordinary way: see flush). */
  private flushedTo: number;
  /** Writes under way, in file order. */
  private readonly inFlight: InFlight[] = [];
  private flushing = false;
  private flushesWaiting = 0;
  private direct = true;
  private failure: unknown = null;
  private readonly waiters: Array<() => void> = [];
  private readonly memory: Buffer;
  private readonly unit: number;
  private readonly depth: number;
  private readonly files: DirectWrites;
  private readonly onProgress: () => void;

  private constructor(memory: Buffer, files: DirectWrites, start: number, unit: number, depth: number, onProgress: () => void) {
    this.memory = memory;
    this.files = files;
    this.unit = unit;
    this.depth = depth;
    this.onProgress = onProgress;
    this.submitted = files.headAt;
    this.flushedTo = start;
    this.end = start;
    // The partial block before `start` is in the file; the first direct write rewrites it whole.
    this.copyIn(files.head, files.headAt);
  }

  /**
   * Writes from `start` in writes of `unit` (a multiple of 64 KiB), `depth` at a time; the ring is
   * `depth + 1` units. Null when no aligned memory can be had (e.g. a tight ulimit -v).
   */
  static open(files: DirectWrites, start: number, unit: number, depth: number, onProgress: () => void): PlacedWrites | null {
    const memory = pageAlignedMemory(unit * (depth + 1));
    return memory ? new PlacedWrites(memory, files, start, unit, depth, onProgress) : null;
  }

  /** Every byte before this is in the file (a write of it has completed). */
  get writtenTo(): number {
    const first = this.inFlight[0];
    return Math.max(first ? first.start : this.submitted, this.flushedTo);
  }

  /** Bytes taken: where the next one goes. */
  get taken(): number {
    return this.end;
  }

  /** Bytes the ring can take now. */
  get room(): number {
    const low = this.inFlight[0]?.start ?? this.submitted;
    return this.memory.length - (this.end - low);
  }

  get writesInFlight(): number {
    return this.inFlight.length;
  }

  get failed(): unknown {
    return this.failure;
  }

  /** Bytes written through the page cache since the last call (what a sync has to flush). */
  takeBuffered(): number {
    const bytes = this.bufferedBytes;
    this.bufferedBytes = 0;
    return bytes;
  }

  /** Copies as much of `chunk` as there is room for, starts the writes it completes; returns the bytes taken. */
  take(chunk: Buffer): number {
    const count = this.failure === null ? Math.min(chunk.length, this.room) : 0;
    if (count <= 0) return 0;
    this.copyIn(count === chunk.length ? chunk : chunk.subarray(0, count), this.end);
    this.end += count;
    this.startWrites();
    // The device is idle and no unit is full (a link slower than the disk): what came goes to the
    // file now the ordinary way, as a batch would, so progress and checkpoints keep up with it.
    // A failure is kept for the next take to report.
    if (this.inFlight.length === 0 && !this.flushing) this.flush().catch(() => undefined);
    return count;
  }

  /** Resolves when a write or a flush under way ends (room may be free), at once when none is. */
  settled(): Promise<void> {
    if (this.inFlight.length === 0 && !this.flushing) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves once no write or flush is under way (failed ones included). */
  async drain(): Promise<void> {
    while (this.inFlight.length > 0 || this.flushing) await this.settled();
  }

  /**
   * Puts every byte taken so far into the file: waits for the writes under way, then writes the
   * rest (whole blocks and the partial one) the ordinary way. Throws what a failed write threw;
   * `writtenTo` then stays before it.
   */
  async flush(): Promise<void> {
    // No new write starts while a flush waits (else a fast stream would keep it waiting for good),
    // and no await between this wait and `flushing`: two flushes never overlap.
    this.flushesWaiting++;
    try {
      while (this.inFlight.length > 0 || this.flushing) await this.settled();
    } finally {
      this.flushesWaiting--;
    }
    if (this.failure !== null) throw this.failure;
    const upTo = this.end;
    const from = Math.max(this.submitted, this.flushedTo);
    if (upTo <= from) return;
    this.flushing = true;
    try {
      for (const [at, bytes] of this.spans(from, upTo)) await pwriteAll(this.files.bufferedFd, bytes, at);
      this.bufferedBytes += upTo - from;
      this.flushedTo = upTo;
      this.submitted = upTo - (upTo % ALIGN);
    } catch (error) {
      this.failure ??= error;
      throw error;
    } finally {
      this.flushing = false;
      this.wake();
    }
    this.onProgress();
    this.startWrites();
  }

  /** Starts writes of whole blocks up to the next unit boundary each, while fewer than `depth` are under way. */
  private startWrites(): void {
    while (!this.flushing && this.flushesWaiting === 0 && this.failure === null && this.inFlight.length < this.depth) {
      const boundary = this.submitted - (this.submitted % this.unit) + this.unit;
      const whole = this.end - (this.end % ALIGN);
      if (whole < boundary) return; // until the unit is full: small direct writes wait on the device
      const write = { start: this.submitted, end: boundary };
      this.submitted = boundary;
      this.inFlight.push(write);
      void this.write(write);
    }
  }

  private async write(write: InFlight): Promise<void> {
    const size = write.end - write.start;
    const bytes = this.memory.subarray(this.index(write.start), this.index(write.start) + size);
    try {
      let done = false;
      if (this.direct) {
        let written = 0;
        try {
          written = await pwrite(this.files.directFd, bytes, size, write.start);
        } catch {
          // Whatever refused it (alignment, the file system), the ordinary way writes the same bytes.
        }
        done = written === size;
        if (done) this.files.bytesDirect += size;
        else this.direct = false;
      }
      if (!done) {
        await pwriteAll(this.files.bufferedFd, bytes, write.start);
        this.bufferedBytes += size;
      }
    } catch (error) {
      this.failure ??= error;
    }
    this.inFlight.splice(this.inFlight.indexOf(write), 1);
    this.wake();
    this.onProgress();
    this.startWrites();
  }

  /** [file offset, ring bytes] pieces of the file range [from, to) (two where it wraps). */
  private spans(from: number, to: number): Array<[number, Buffer]> {
    const out: Array<[number, Buffer]> = [];
    for (let at = from; at < to; ) {
      const index = this.index(at);
      const size = Math.min(to - at, this.memory.length - index);
      out.push([at, this.memory.subarray(index, index + size)]);
      at += size;
    }
    return out;
  }

  private copyIn(bytes: Buffer, at: number): void {
    let done = 0;
    for (const [, target] of this.spans(at, at + bytes.length)) {
      bytes.copy(target, 0, done, done + target.length);
      done += target.length;
    }
  }

  private index(offset: number): number {
    return offset % this.memory.length;
  }
}
