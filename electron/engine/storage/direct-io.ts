// Linux: a fast download's bytes go to the device with O_DIRECT, in 4 KiB-aligned blocks.
// Why: Ferry must fsync a file before calling it done. Written through the page cache, a fast
// download piles up dirty pages that the fsync then writes back, and writeback stalled erratically
// on the machines we measured (the same 1 GiB took 0.7-3.6 s to flush); direct writes ran at the
// disk's speed every time and leave the page cache to the programs that read it. Everything else —
// slow links (small writes), the unaligned tail, other systems, filesystems that refuse O_DIRECT —
// goes through the ordinary descriptor, and a direct write that fails is simply redone that way.
import fs from 'node:fs';
import { pageAlignedMemory } from './aligned-memory.ts';

const ALIGN = 4096;
/**
 * One direct write at most this big; also the size of each staging buffer. 1 MiB, not 4: the same
 * speed in `npm run bench` and a quarter of the memory (`ferry get` must stay under 64 MiB).
 */
const STAGING_BYTES = 1024 * 1024;
/** Below this a batch is written the ordinary way: small direct writes wait on the device. */
const MIN_DIRECT_BYTES = 256 * 1024;
/** Direct writes in flight per batch: the device works on the next while one completes. */
const QUEUE_DEPTH = 3;
/** Staging buffers shared by every download in the process (memory stays bounded: 4 MiB). */
const MAX_STAGING = 4;

const idle: Buffer[] = [];
let staged = 0;

/** O_DIRECT needs aligned memory (see aligned-memory.ts). */
function borrowStaging(wanted: number): Buffer[] {
  const out: Buffer[] = [];
  while (out.length < wanted) {
    const ready = idle.pop();
    if (ready) out.push(ready);
    else if (staged < MAX_STAGING) {
      const memory = pageAlignedMemory(STAGING_BYTES);
      if (!memory) break; // e.g. a tight address-space limit (ulimit -v): the page cache will do
      staged++;
      out.push(memory);
    } else break;
  }
  return out;
}

/** Idle staging memory is given back after a while: a tray app should not sit on it. */
let releaseTimer: NodeJS.Timeout | null = null;

function returnStaging(buffers: Buffer[]): void {
  idle.push(...buffers);
  if (releaseTimer) releaseTimer.refresh();
  else releaseTimer = setTimeout(releaseIdleStaging, 10_000).unref();
}

function releaseIdleStaging(): void {
  staged -= idle.length;
  idle.length = 0;
  releaseTimer = null;
}

export function directIoAvailable(): boolean {
  return process.platform === 'linux' && typeof fs.constants.O_DIRECT === 'number' && process.env['FERRY_DIRECT_IO'] !== '0';
}

/**
 * The direct side of one open part file. It keeps the bytes of the current partial block (the
 * "tail") so the next direct write can start at an aligned offset. The tail stays in memory until
 * something needs it in the file (a checkpoint, a write the ordinary way): writing it every batch
 * made the next direct write wait for the kernel to flush and drop that cached page first.
 */
export class DirectWrites {
  /** Bytes that went to the device directly (for tests and the benchmark). */
  bytesDirect = 0;
  private enabled = true;
  private tail: Buffer;
  /** Whether the tail is only in memory (see flushTail). */
  private tailPending = false;
  /** Where the tail starts in the file (always a block boundary). */
  private tailAt: number;
  private readonly directFd: number;
  private readonly bufferedFd: number;

  private constructor(directFd: number, bufferedFd: number, tail: Buffer, tailAt: number) {
    this.directFd = directFd;
    this.bufferedFd = bufferedFd;
    this.tail = tail;
    this.tailAt = tailAt;
  }

  /**
   * Null where direct writes are not available (other systems, filesystems without O_DIRECT), and
   * for a download known to be too small for any direct batch (`bytesToCome`): a second descriptor
   * would cost it more than it could save.
   */
  static async open(partPath: string, bufferedFd: number, offset: number, bytesToCome: number | null): Promise<DirectWrites | null> {
    if (!directIoAvailable() || (bytesToCome !== null && bytesToCome < MIN_DIRECT_BYTES)) return null;
    let directFd: number;
    try {
      // Synchronous as the part file's other opens are (see part-file.ts).
      directFd = fs.openSync(partPath, fs.constants.O_WRONLY | fs.constants.O_DIRECT | fs.constants.O_NOFOLLOW);
    } catch {
      return null;
    }
    try {
      // Opened by name a second time: it must still be the file the caller has open.
      const [direct, buffered] = [fs.fstatSync(directFd), fs.fstatSync(bufferedFd)];
      if (direct.dev !== buffered.dev || direct.ino !== buffered.ino) throw new Error('the part file was swapped');
      const tail = Buffer.alloc(offset % ALIGN);
      if (tail.length > 0) await readExactly(bufferedFd, tail, offset - tail.length);
      return new DirectWrites(directFd, bufferedFd, tail, offset - tail.length);
    } catch {
      // Without the partial block the first direct write could not start aligned: write it all
      // the ordinary way.
      fs.closeSync(directFd);
      return null;
    }
  }

  /**
   * Writes `buffers` at `position` (where the file ends) if the batch is big enough for direct
   * writes; returns false, having written nothing, when the caller should write it the ordinary way.
   */
  async write(buffers: Buffer[], position: number, count: number): Promise<boolean> {
    if (!this.enabled || this.tail.length + count < MIN_DIRECT_BYTES) return false;
    const staging = borrowStaging(QUEUE_DEPTH);
    if (staging.length === 0) return false;
    try {
      const start = position - this.tail.length;
      const source = new ByteCursor([this.tail, ...buffers]);
      const total = this.tail.length + count;
      const aligned = total - (total % ALIGN);
      try {
        await this.writeBlocks(source, staging, start, aligned);
      } catch {
        // Whatever refused it (alignment, filesystem), the ordinary path writes the same bytes.
        this.enabled = false;
        return false;
      }
      const rest = Buffer.alloc(total - aligned);
      source.copyInto(rest, rest.length);
      this.tail = rest;
      this.tailAt = start + aligned;
      this.tailPending = rest.length > 0;
      return true;
    } finally {
      returnStaging(staging);
    }
  }

  /** Copies and writes `length` bytes from `source` at `start`, a few writes in flight at a time. */
  private async writeBlocks(source: ByteCursor, staging: Buffer[], start: number, length: number): Promise<void> {
    const free = [...staging];
    const inFlight: Array<Promise<Buffer>> = [];
    let failure: unknown = null;
    for (let done = 0; done < length && failure === null; ) {
      if (free.length === 0) free.push(await inFlight.shift()!);
      const buffer = free.pop()!;
      const size = Math.min(STAGING_BYTES, length - done);
      source.copyInto(buffer, size);
      const at = start + done;
      inFlight.push(
        pwrite(this.directFd, buffer, size, at).then(
          (written) => {
            if (written === size) this.bytesDirect += size;
            else failure ??= new Error(`short direct write (${written} of ${size} bytes)`);
            return buffer;
          },
          (error: unknown) => {
            failure ??= error;
            return buffer;
          },
        ),
      );
      done += size;
    }
    await Promise.all(inFlight);
    if (failure !== null) throw failure;
  }

  /**
   * Writes the tail into the file the ordinary way if it is only in memory. Needed before a sync
   * that vouches for it and before the caller writes after it the ordinary way; never while a
   * direct write is in flight (both would touch the same block).
   */
  async flushTail(): Promise<void> {
    if (!this.tailPending) return;
    await pwriteAll(this.bufferedFd, this.tail, this.tailAt);
    this.tailPending = false;
  }

  /** After the caller wrote `buffers` the ordinary way (tail flushed first), ending at `end`. */
  wroteBuffered(buffers: Buffer[], end: number): void {
    const keep = end % ALIGN;
    const all = Buffer.concat([this.tail, ...lastBytes(buffers, keep)]);
    this.tail = Buffer.from(all.subarray(all.length - keep));
    this.tailAt = end - keep;
  }

  close(): void {
    fs.closeSync(this.directFd);
  }
}

/** The last `count` bytes of a list of buffers (or all of them), as a list. */
function lastBytes(buffers: Buffer[], count: number): Buffer[] {
  const out: Buffer[] = [];
  let need = count;
  for (let i = buffers.length - 1; i >= 0 && need > 0; i--) {
    const buffer = buffers[i]!;
    out.unshift(buffer.length <= need ? buffer : buffer.subarray(buffer.length - need));
    need -= Math.min(need, buffer.length);
  }
  return out;
}

/** Reads a list of buffers front to back, copying any number of bytes at a time. */
class ByteCursor {
  private index = 0;
  private offset = 0;
  private readonly buffers: Buffer[];

  constructor(buffers: Buffer[]) {
    this.buffers = buffers;
  }

  copyInto(target: Buffer, count: number): void {
    let filled = 0;
    while (filled < count) {
      const buffer = this.buffers[this.index]!;
      const n = Math.min(count - filled, buffer.length - this.offset);
      buffer.copy(target, filled, this.offset, this.offset + n);
      filled += n;
      this.offset += n;
      if (this.offset === buffer.length) {
        this.index++;
        this.offset = 0;
      }
    }
  }
}

function pwrite(fd: number, buffer: Buffer, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => fs.write(fd, buffer, 0, length, position, (error, written) => (error ? reject(error) : resolve(written))));
}

async function pwriteAll(fd: number, buffer: Buffer, position: number): Promise<void> {
  for (let done = 0; done < buffer.length; ) done += await pwrite(fd, buffer.subarray(done), buffer.length - done, position + done);
}

async function readExactly(fd: number, target: Buffer, position: number): Promise<void> {
  for (let done = 0; done < target.length; ) {
    const read = await new Promise<number>((resolve, reject) =>
      fs.read(fd, target, done, target.length - done, position + done, (error, n) => (error ? reject(error) : resolve(n))),
    );
    if (read === 0) throw new Error('the part file is shorter than its checkpoint');
    done += read;
  }
}
