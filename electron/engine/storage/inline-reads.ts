// Whether an upload's file is read on the event loop (a plain read, as curl does) or through
// libuv's thread pool. Why: a pooled read is a round trip between two threads, and a 1 MiB read
// from the page cache takes less time than the trip: on a 2-core VM a 1 GiB multipart POST went out
// in 0.64 s (median of 10) with reads in line against 0.74 s pooled, curl 0.65 s.
// A read in line holds the loop while it runs, so it is only done where reads are quick: a local
// filesystem (never a network or FUSE mount, where a read can hang for minutes), and only while
// they stay quick: a slow one (a cold spinning disk) sends the next ones to the pool for a while.
import fs from 'node:fs';

/** statfs f_type of Linux filesystems on local disks or memory (linux/magic.h); others are pooled. */
const LOCAL_FILESYSTEMS = new Set([
  0xef53, // ext2, ext3, ext4
  0x58465342, // xfs
  0x9123683e, // btrfs
  0xf2f52010, // f2fs
  0xca451a4e, // bcachefs
  0x2fc12fc1, // zfs
  0x01021994, // tmpfs
  0x858458f6, // ramfs
  0x794c7630, // overlayfs (containers)
  0x4d44, // vfat
  0x2011bab0, // exfat
  0x5346544e, // ntfs3
]);

/** A read in line that took longer than this held the loop too long. */
export const SLOW_READ_MS = 5;
/**
 * Reads in line give the loop a turn at least this often. Why: a socket that takes every write at
 * once never makes its writer wait, so nothing else ran until the file was sent (a 1 ms timer fired
 * up to ~100 ms late during a 1 GiB upload; ~11 ms with pooled reads, ~10-17 ms with these turns).
 */
export const TURN_EVERY_MS = 2;
/**
 * After a slow read, this many go through the pool before reading in line is tried again; twice as
 * many after each further slow try (a USB stick stays slow), up to POOLED_AFTER_SLOW_MAX.
 */
export const POOLED_AFTER_SLOW = 64;
export const POOLED_AFTER_SLOW_MAX = 4096;

export interface InlineReadsOptions {
  platform?: NodeJS.Platform;
  /** The filesystem's statfs type; asked through the pool, as a hung mount hangs statfs too. */
  statfsType?: (file: string) => Promise<number>;
  now?: () => number;
}

export class InlineReads {
  private pooledLeft = 0;
  private nextPooled = POOLED_AFTER_SLOW;
  private lastTurn: number;
  private readonly local: boolean;
  private readonly now: () => number;

  /** `local`: the file is on a filesystem where reads may run in line (see `inlineReadsFor`). */
  constructor(local: boolean, now: () => number = () => performance.now()) {
    this.local = local;
    this.now = now;
    this.lastTurn = now();
  }

  /** Resolves at once, or after a turn of the loop when reads in line have held it TURN_EVERY_MS. */
  turn(): Promise<void> {
    if (this.now() - this.lastTurn < TURN_EVERY_MS) return Promise.resolve();
    return new Promise((resolve) =>
      setImmediate(() => {
        this.lastTurn = this.now();
        resolve();
      }),
    );
  }

  /** Runs `read` in line and returns its result, or returns null: the caller reads through the pool. */
  read(read: () => number): number | null {
    if (!this.local) return null;
    if (this.pooledLeft > 0) {
      this.pooledLeft--;
      return null;
    }
    const started = this.now();
    const bytes = read();
    if (this.now() - started > SLOW_READ_MS) {
      this.pooledLeft = this.nextPooled;
      this.nextPooled = Math.min(this.nextPooled * 2, POOLED_AFTER_SLOW_MAX);
    } else {
      this.nextPooled = POOLED_AFTER_SLOW;
    }
    return bytes;
  }
}

/** Reads in line for a file on a local Linux filesystem; pooled anywhere else, or when unsure. */
export async function inlineReadsFor(file: string, options: InlineReadsOptions = {}): Promise<InlineReads> {
  if ((options.platform ?? process.platform) !== 'linux') return new InlineReads(false);
  const statfsType = options.statfsType ?? (async (f: string) => (await fs.promises.statfs(f)).type);
  const local = await statfsType(file).then((type) => LOCAL_FILESYSTEMS.has(type), () => false);
  return new InlineReads(local, options.now);
}
