// Files dropped in the browser UI are streamed here, into the daemon's home, since the daemon
// (which will upload them) cannot read the browser's disk. Each lands in its own folder, written to
// a .part file and renamed when whole. The area is bounded (stagingMaxBytes and the disk's free
// space), and files nobody used for a day are removed.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type http from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { safeFileName } from '../engine/file-name.ts';
import { TransferError } from '../engine/transfer-error.ts';
import { classifyError } from '../engine/error-classify.ts';
import { syncDirectory } from '../engine/directory-sync.ts';
import type { StagedFile } from '../../shared/model.ts';
import { formatBytes } from '../../shared/format-bytes.ts';

/** Staged files nobody used for this long are removed (at start and every hour). */
export const STAGED_TTL_MS = 24 * 3600 * 1000;
/** Room left on the daemon's disk after a staged file, for its state and the transfers. */
const DISK_RESERVE = 64 * 1024 * 1024;

export function stagingDir(home: string): string {
  return path.join(home, 'staging');
}

/** Bytes the staged files take now. */
function stagedBytes(root: string): number {
  let total = 0;
  if (!fs.existsSync(root)) return 0;
  for (const entry of fs.readdirSync(root)) {
    const dir = path.join(root, entry);
    try {
      for (const file of fs.readdirSync(dir)) total += fs.lstatSync(path.join(dir, file)).size;
    } catch {
      // removed meanwhile
    }
  }
  return total;
}

const formatSize = (bytes: number): string => formatBytes(bytes);

/**
 * Refuses a file that would not fit (`size` if the browser said it, else checked as it arrives):
 * over the staging limit (the stagingMaxBytes setting), or over what the disk has free.
 */
async function roomFor(root: string, size: number, maxBytes: number): Promise<number> {
  const allowed = maxBytes - stagedBytes(root);
  if (size > allowed) {
    throw new TransferError('InvalidArgument', `the daemon keeps at most ${formatSize(maxBytes)} of dropped files (setting stagingMaxBytes) and has ${formatSize(Math.max(0, allowed))} left; upload or remove some first, or raise the setting`);
  }
  const disk = await fs.promises.statfs(root);
  const free = disk.bavail * disk.bsize - DISK_RESERVE;
  if (size > free) {
    throw new TransferError('DiskFull', `the daemon's disk has ${formatSize(Math.max(0, free))} free, not enough for this ${formatSize(size)} file; free some space on it`);
  }
  return Math.min(allowed, free);
}

export async function stageUpload(home: string, rawName: string | null, body: http.IncomingMessage, maxBytes: number): Promise<StagedFile> {
  const name = rawName ? safeFileName(rawName) : null;
  if (!name) throw new TransferError('InvalidArgument', 'give the file a usable name (?name=...)');
  const declared = body.headers['content-length'] === undefined ? null : Number(body.headers['content-length']);
  if (declared !== null && !(Number.isSafeInteger(declared) && declared >= 0)) throw new TransferError('InvalidArgument', 'Content-Length is not a size');
  const root = stagingDir(home);
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  const room = await roomFor(root, declared ?? 0, maxBytes);
  const id = randomUUID();
  const dir = path.join(root, id);
  fs.mkdirSync(dir, { mode: 0o700 });
  const final = path.join(dir, name);
  const part = `${final}.part`;
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      // A body without a length (or longer than it said) is stopped once it would not fit.
      if (size > room) return callback(new TransferError('InvalidArgument', `the file is larger than the ${formatSize(room)} the daemon can stage now (setting stagingMaxBytes, or its free disk space)`));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, fs.createWriteStream(part, { mode: 0o600, flags: 'wx', flush: true }));
    if (declared !== null && declared !== size) {
      throw new TransferError('ConnectionReset', `the upload ended after ${size} of ${declared} bytes`);
    }
    fs.renameSync(part, final);
    await syncDirectory(dir);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw classifyError(error, { path: final });
  }
  return { id, name, size, sha256: hash.digest('hex') };
}

/**
 * Removes staged files nobody used within a day (the form that wanted them is long gone); those an
 * upload uses (`inUse`, their folders' ids) stay until the upload leaves the list, which removes them.
 */
export function sweepStaging(home: string, inUse: ReadonlySet<string> = new Set(), now = Date.now()): void {
  const root = stagingDir(home);
  if (!fs.existsSync(root)) return;
  for (const entry of fs.readdirSync(root)) {
    if (inUse.has(entry)) continue;
    const dir = path.join(root, entry);
    try {
      if (now - fs.lstatSync(dir).mtimeMs > STAGED_TTL_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // removed meanwhile
    }
  }
}

/** The staged file with this id (whole: not still arriving), or null. */
export function stagedFilePath(home: string, id: string): string | null {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const dir = path.join(stagingDir(home), id);
  try {
    const files = fs.readdirSync(dir).filter((name) => !name.endsWith('.part'));
    return files.length === 1 ? path.join(dir, files[0]!) : null;
  } catch {
    return null;
  }
}

/** The ids of the staged folders these file paths are in. */
export function stagedIdsIn(home: string, files: Iterable<string>): Set<string> {
  const root = stagingDir(home) + path.sep;
  const ids = new Set<string>();
  for (const file of files) if (file.startsWith(root)) ids.add(file.slice(root.length).split(path.sep)[0]!);
  return ids;
}

/** Drops a staged file (the user closed the upload form without using it). */
export function discardStaged(home: string, id: string): boolean {
  if (!/^[0-9a-f-]{36}$/.test(id)) return false;
  const dir = path.join(stagingDir(home), id);
  if (!fs.existsSync(dir)) return false;
  fs.rmSync(dir, { recursive: true, force: true });
  return true;
}
