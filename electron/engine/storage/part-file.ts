// The on-disk side of a download: the .part file (made and reopened only as Ferry's own), its
// identity, and the final rename. Writing into it with durable checkpoints is part-file-writer.ts.
// Looking at names and descriptors here (stat, rename, close) is synchronous: each takes
// microseconds on a local disk, while a trip through libuv's thread pool cost 100-250 us of the
// event loop's time on the machines we measured, and those trips were much of the daemon's CPU for
// a batch of small files (aria2c makes the same calls inline). What can take long stays
// asynchronous: creating a file (1 ms and more while the file system commits a flush: measured),
// writing the bytes, flushing them to the device, removing a big file.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { DirectWrites } from './direct-io.ts';
import { syncDirectory } from './directory-sync.ts';
import { TransferError } from '../errors/transfer-error.ts';

export function partPathFor(finalPath: string): string {
  return `${finalPath}.part`;
}

/**
 * Which file on which device: how Ferry knows a part file (and the finished file) is the one it
 * wrote. Inode numbers are reused as soon as a file is deleted, so its birth time goes with them
 * (0 where the filesystem keeps none).
 */
export interface FileIdentity {
  dev: number;
  ino: number;
  birth: number;
}

/** Opening flag that refuses a symbolic link at the name (0 where the system has none). */
export const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

export function identityOf(stat: fs.Stats): FileIdentity {
  return { dev: stat.dev, ino: stat.ino, birth: stat.birthtimeMs };
}

export function isIdentity(stat: fs.Stats, identity: FileIdentity): boolean {
  return stat.isFile() && stat.dev === identity.dev && stat.ino === identity.ino && stat.birthtimeMs === identity.birth;
}

/** A plain file of this user's with no other name: a leftover of ours, not something planted. */
function isPlainOwnFile(stat: fs.Stats): boolean {
  const uid = process.getuid?.();
  return stat.isFile() && stat.nlink === 1 && (uid === undefined || stat.uid === uid);
}

function notOurs(file: string, what: string): TransferError {
  return new TransferError('FileAccessDenied', `${file} ${what}; Ferry did not write it and will not write through it. Remove it, or choose another destination`);
}

/** What is at `file` (a link itself, never its target), or null when nothing is (not thrown: a thrown error costs a stack trace, and "nothing" is the usual answer). */
export function lstatOrNull(file: string): fs.Stats | null {
  return fs.lstatSync(file, { throwIfNoEntry: false }) ?? null;
}

/** Whether anything (a file, a folder, a link, even a dangling one) is at `file`. */
export function existsNoFollow(file: string): boolean {
  try {
    return lstatOrNull(file) !== null;
  } catch {
    return false;
  }
}

/** Size of what is at `file` (a link's own size, never its target's), or 0 when nothing is. */
export function fileSize(file: string): number {
  return lstatOrNull(file)?.size ?? 0;
}

/**
 * Removes `file` only if it is the one Ferry wrote (its identity), or, when no identity was kept,
 * a plain file of ours. Anything else (a planted link, someone else's file) is left alone.
 */
export async function removeOurFile(file: string, identity: FileIdentity | null): Promise<void> {
  const stat = lstatOrNull(file);
  if (stat && (identity ? isIdentity(stat, identity) : isPlainOwnFile(stat))) await fsp.rm(file, { force: true });
}

/**
 * Opens a file without following a link at its name and checks it is `identity` (or, without one,
 * a plain file); null when it is not there or not ours. For serving and reading finished files.
 */
export async function openOurFile(file: string, identity: FileIdentity | null): Promise<fsp.FileHandle | null> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, fs.constants.O_RDONLY | NOFOLLOW);
  } catch {
    return null;
  }
  const stat = await handle.stat();
  if (identity ? isIdentity(stat, identity) : stat.isFile()) return handle;
  await handle.close();
  return null;
}

export interface PartFile {
  /** The ordinary descriptor (through the page cache). */
  fd: number;
  /** The file this part file is: saved with the record so that a resume knows it again. */
  identity: FileIdentity;
  /** Direct writes for fast streams where the system offers them (see direct-io.ts). */
  direct: DirectWrites | null;
  /** Flushes every byte written through `fd` so far to the device. */
  datasync(): Promise<void>;
  close(): void;
}

/**
 * Opens the part file for writing at `offset`, cutting off anything after it: bytes beyond the last
 * durable checkpoint were never vouched for and are fetched again (a segmented download: see
 * `size`). The name is never followed if it
 * is a link; a resume opens only the file its record names (`identity`), and a new part file is
 * created exclusively.
 */
export async function openPartFile(
  partPath: string,
  offset: number,
  identity: FileIdentity | null,
  bytesToCome: number | null,
  options: { size?: number } = {},
): Promise<PartFile> {
  const fd = await openOurPart(partPath, offset, identity);
  let direct: DirectWrites | null = null;
  let stat: fs.Stats;
  try {
    stat = fs.fstatSync(fd);
    // Most often there is nothing after `offset` (a new file, a clean resume): no call for it.
    // Cutting off many bytes can take a while: off the event loop. A segmented download's file
    // (`size`) keeps the whole length, holes included (sparse), and is never cut: other ranges
    // after `offset` are its own.
    const size = options.size ?? offset;
    if (options.size === undefined ? stat.size !== size : stat.size < size) {
      await new Promise<void>((resolve, reject) => fs.ftruncate(fd, size, (error) => (error ? reject(error) : resolve())));
    }
    direct = await DirectWrites.open(partPath, fd, offset, bytesToCome);
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
  return {
    fd,
    identity: identityOf(stat),
    direct,
    datasync: () => new Promise<void>((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve()))),
    close: () => {
      direct?.close();
      fs.closeSync(fd);
    },
  };
}

async function openOurPart(partPath: string, offset: number, identity: FileIdentity | null): Promise<number> {
  if (identity || offset > 0) {
    let fd: number | null = null;
    try {
      fd = await openFd(partPath, fs.constants.O_RDWR | NOFOLLOW);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') throw notOurs(partPath, 'is a symbolic link');
      // Gone (the user removed it): nothing to resume, start a new one below.
      if (code !== 'ENOENT' || offset > 0) throw error;
    }
    if (fd !== null) {
      const stat = fs.fstatSync(fd);
      // A record from before identities were kept (offset > 0, none): a plain file of ours will do.
      if (identity ? isIdentity(stat, identity) : isPlainOwnFile(stat)) return fd;
      fs.closeSync(fd);
      throw notOurs(partPath, 'was replaced by another file');
    }
  }
  return createExclusive(partPath);
}

/** Creates a new file of ours (a descriptor), never through a link; a plain leftover of ours there is replaced. */
export async function createExclusive(partPath: string): Promise<number> {
  const flags = fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_EXCL | NOFOLLOW;
  try {
    return await openFd(partPath, flags);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stat = fs.lstatSync(partPath);
  if (stat.isSymbolicLink()) throw notOurs(partPath, 'is a symbolic link');
  if (!isPlainOwnFile(stat)) throw notOurs(partPath, 'already exists');
  // A leftover of ours whose record was never saved (a crash right after it was made): start over.
  await fsp.rm(partPath);
  return openFd(partPath, flags);
}

/** The callback API: no FileHandle to make and track for a descriptor this module closes itself. */
function openFd(file: string, flags: number): Promise<number> {
  return new Promise((resolve, reject) => fs.open(file, flags, 0o644, (error, fd) => (error ? reject(error) : resolve(fd))));
}

/**
 * Makes the finished part file the destination: its data durable, the rename, the folder flushed.
 * `synced`: the writer's last act was to fdatasync it (a download's own part file), so it is not
 * flushed a second time (that costs a journal commit for its times alone); any other file (a decoded
 * copy) is fsynced first. Only the file Ferry wrote is renamed, and the name it lands on must then
 * be that same file.
 */
export async function promotePartFile(partPath: string, finalPath: string, identity: FileIdentity | null, options: { synced: boolean }): Promise<void> {
  const stat = options.synced ? fs.lstatSync(partPath) : await syncFile(partPath);
  if (stat.isSymbolicLink()) throw notOurs(partPath, 'is a symbolic link');
  if (identity ? !isIdentity(stat, identity) : !stat.isFile()) throw notOurs(partPath, 'was replaced by another file');
  await renameWithRetry(partPath, finalPath);
  const landed = lstatOrNull(finalPath);
  if (!landed || !isIdentity(landed, identityOf(stat))) throw notOurs(finalPath, 'was swapped for another file while it was being renamed');
  await syncDirectory(path.dirname(finalPath));
}

/** Opens `file` without following a link, fsyncs it and answers what it is. */
async function syncFile(file: string): Promise<fs.Stats> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, fs.constants.O_RDWR | NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw notOurs(file, 'is a symbolic link');
    throw error;
  }
  try {
    const stat = await handle.stat();
    await handle.sync();
    return stat;
  } finally {
    await handle.close();
  }
}

/** Windows antivirus can hold a file briefly (EPERM/EBUSY): retry a few times before giving up. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      fs.renameSync(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 5 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
    }
  }
}

/**
 * The files of a transfer that left the list: its partial file always, the finished one too if
 * asked (`deleteFinished`), each only if it is the file Ferry wrote. True if the finished file went.
 */
export async function removeTransferFiles(record: { path: string | null; partIdentity: FileIdentity | null }, deleteFinished: boolean): Promise<boolean> {
  if (!record.path) return false;
  await removeOurFile(partPathFor(record.path), record.partIdentity).catch(() => undefined);
  if (!deleteFinished || !existsNoFollow(record.path)) return false;
  await removeOurFile(record.path, record.partIdentity).catch(() => undefined);
  return !existsNoFollow(record.path);
}
