// The staging area's bookkeeping, in memory: the bytes and files it holds, and the room each
// upload still arriving has reserved. A staged upload reserves its room before its first byte is
// written (its announced length, or step by step as a body without one streams), so parallel
// uploads cannot together pass the limit or eat the disk's last DISK_RESERVE bytes, which the
// daemon's state needs. Built once at start from the disk; files removed behind its back (an
// upload that left the list takes its staged copy) are noticed by one listing of the folder when
// the room looks short.
import fs from 'node:fs';
import path from 'node:path';
import { TransferError } from '../engine/errors/transfer-error.ts';
import { formatBytes } from '../../shared/format-bytes.ts';

/** Room left on the daemon's disk after every staged file, for its state and the transfers. */
export const DISK_RESERVE = 64 * 1024 * 1024;
/** Staged files (and uploads arriving) at once. */
export const MAX_STAGED_FILES = 1000;
/** A body without a length reserves room this much at a time. */
const STEP = 8 * 1024 * 1024;

export interface Reservation {
  readonly id: string;
  /** Takes room for `bytes` more (total written so far `written`); throws when there is none. */
  grow(written: number): Promise<void>;
  /** The upload is whole: it now holds `size` bytes. */
  keep(size: number): void;
  /** The upload failed: its room is free again. */
  release(): void;
}

export class StagingRoom {
  private readonly root: string;
  /** Whole staged files: folder id -> bytes. */
  private readonly files = new Map<string, number>();
  /** Uploads arriving: id -> bytes reserved and bytes written. */
  private readonly arriving = new Map<string, { reserved: number; written: number }>();
  private listing: Promise<void> | null = null;

  constructor(root: string) {
    this.root = root;
    this.rebuild();
  }

  /** Reserves room for an upload of `declared` bytes (null: unknown, reserved as it streams). */
  async reserve(id: string, declared: number | null, maxBytes: number): Promise<Reservation> {
    if (this.files.size + this.arriving.size >= MAX_STAGED_FILES) await this.forgetRemoved();
    if (this.files.size + this.arriving.size >= MAX_STAGED_FILES) {
      throw new TransferError('InvalidArgument', `the daemon keeps at most ${MAX_STAGED_FILES} dropped files; upload or remove some first`);
    }
    const entry = { reserved: 0, written: 0 };
    // Counted from now (at 0 bytes), so that no other upload's check can slip between.
    this.arriving.set(id, entry);
    const release = (): void => void this.arriving.delete(id);
    try {
      await this.take(entry, declared ?? 0, maxBytes, declared !== null);
    } catch (error) {
      release();
      throw error;
    }
    return {
      id,
      grow: async (written) => {
        entry.written = written;
        if (written > entry.reserved) await this.take(entry, Math.max(written, entry.reserved + STEP) - entry.reserved, maxBytes, false);
      },
      keep: (size) => {
        release();
        this.files.set(id, size);
      },
      release,
    };
  }

  /** A staged folder was removed (discarded, swept). */
  forget(id: string): void {
    this.files.delete(id);
  }

  private used(): number {
    let total = 0;
    for (const size of this.files.values()) total += size;
    for (const { reserved, written } of this.arriving.values()) total += Math.max(reserved, written);
    return total;
  }

  /** Bytes reserved but not yet on disk: statfs does not count them as used yet. */
  private promised(): number {
    let total = 0;
    for (const { reserved, written } of this.arriving.values()) total += Math.max(0, reserved - written);
    return total;
  }

  /** Adds `bytes` to `entry`'s reservation, or throws why it cannot. */
  private async take(entry: { reserved: number }, bytes: number, maxBytes: number, announced: boolean): Promise<void> {
    const overLimit = (): TransferError | null => {
      const allowed = maxBytes - this.used();
      if (bytes <= allowed) return null;
      return new TransferError(
        'InvalidArgument',
        announced
          ? `the daemon keeps at most ${formatBytes(maxBytes)} of dropped files (setting stagingMaxBytes) and has ${formatBytes(Math.max(0, allowed))} left; upload or remove some first, or raise the setting`
          : `the file is larger than the ${formatBytes(Math.max(0, allowed + entry.reserved))} the daemon can stage now (setting stagingMaxBytes); upload or remove some first, or raise the setting`,
      );
    };
    if (overLimit()) await this.forgetRemoved();
    const early = overLimit();
    if (early) throw early;
    const disk = await fs.promises.statfs(this.root);
    // Checked again after the wait, with the reservation in the same synchronous step: another
    // upload may have reserved meanwhile.
    const late = overLimit();
    if (late) throw late;
    const free = disk.bavail * disk.bsize - DISK_RESERVE - this.promised();
    if (bytes > free) {
      throw new TransferError('DiskFull', `the daemon's disk has ${formatBytes(Math.max(0, free))} free for dropped files (it keeps ${formatBytes(DISK_RESERVE)} for its state), not enough for this file; free some space on it`);
    }
    entry.reserved += bytes;
  }

  /** Drops folders that are gone from the disk: one listing, shared by whoever asks meanwhile. */
  private forgetRemoved(): Promise<void> {
    this.listing ??= fs.promises
      .readdir(this.root)
      .then((names) => {
        const present = new Set(names);
        for (const id of this.files.keys()) if (!present.has(id)) this.files.delete(id);
      })
      .catch(() => undefined)
      .finally(() => (this.listing = null));
    return this.listing;
  }

  /** Once, at start: what the folder holds. Leftovers of uploads cut off by a crash are removed. */
  private rebuild(): void {
    if (!fs.existsSync(this.root)) return;
    for (const entry of fs.readdirSync(this.root)) {
      const dir = path.join(this.root, entry);
      if (entry.endsWith('.part')) {
        fs.rmSync(dir, { recursive: true, force: true });
        continue;
      }
      try {
        let size = 0;
        for (const file of fs.readdirSync(dir)) size += fs.lstatSync(path.join(dir, file)).size;
        this.files.set(entry, size);
      } catch {
        // not a folder of ours
      }
    }
  }
}
