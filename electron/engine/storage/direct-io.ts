// Linux: a fast download's bytes go to the device with O_DIRECT, in 4 KiB-aligned blocks.
// Why: Ferry must fsync a file before calling it done. Written through the page cache, a fast
// download piles up dirty pages that the fsync then writes back, and writeback stalled erratically
// on the machines we measured (the same 1 GiB took 0.7-3.6 s to flush); direct writes ran at the
// disk's speed every time and leave the page cache to the programs that read it. Everything else —
// slow links (small writes), the unaligned tail, other systems, filesystems that refuse O_DIRECT —
// goes through the ordinary descriptor, and a direct write that fails is simply redone that way.
import fs from 'node:fs';

/** O_DIRECT's unit: offsets, lengths and memory aligned to it. */
export const ALIGN = 4096;
/** Below this a download is written the ordinary way: small direct writes wait on the device. */
const MIN_DIRECT_BYTES = 256 * 1024;

export function directIoAvailable(): boolean {
  return process.platform === 'linux' && typeof fs.constants.O_DIRECT === 'number' && process.env['FERRY_DIRECT_IO'] !== '0';
}

/**
 * The direct side of one open part file: a second descriptor opened with O_DIRECT, and the bytes
 * of the partial block before the writer's first byte (read from the file), so its first direct
 * write can start at an aligned offset. What is written through it, and when, is placed-writes.ts's.
 */
export class DirectWrites {
  /** Bytes that went to the device directly (for tests and the benchmark). */
  bytesDirect = 0;
  /** The bytes of the block before the first byte to come, and where that block starts. */
  readonly head: Buffer;
  readonly headAt: number;
  readonly directFd: number;
  readonly bufferedFd: number;

  private constructor(directFd: number, bufferedFd: number, head: Buffer, headAt: number) {
    this.directFd = directFd;
    this.bufferedFd = bufferedFd;
    this.head = head;
    this.headAt = headAt;
  }

  /**
   * Null where direct writes are not available (other systems, filesystems without O_DIRECT), and
   * for a download known to be too small for any direct write (`bytesToCome`): a second descriptor
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
      const head = Buffer.alloc(offset % ALIGN);
      if (head.length > 0) await readExactly(bufferedFd, head, offset - head.length);
      return new DirectWrites(directFd, bufferedFd, head, offset - head.length);
    } catch {
      // Without the partial block the first direct write could not start aligned: write it all
      // the ordinary way.
      fs.closeSync(directFd);
      return null;
    }
  }

  close(): void {
    fs.closeSync(this.directFd);
  }
}

export function pwrite(fd: number, buffer: Buffer, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => fs.write(fd, buffer, 0, length, position, (error, written) => (error ? reject(error) : resolve(written))));
}

export async function pwriteAll(fd: number, buffer: Buffer, position: number): Promise<void> {
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
