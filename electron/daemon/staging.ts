// Files dropped in the browser UI are streamed here, into the daemon's home, since the daemon
// (which will upload them) cannot read the browser's disk. Each arrives in its own folder under a
// temporary name (`<id>.part`, which no staged id or file name can be), renamed to `<id>` when
// whole. The area is bounded (stagingMaxBytes, MAX_STAGED_FILES and the disk's free space, booked
// by StagingRoom), and files nobody used for a day are removed.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type http from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { safeFileName } from '../engine/intake/file-name.ts';
import { TransferError } from '../engine/errors/transfer-error.ts';
import { classifyError } from '../engine/errors/error-classify.ts';
import { syncDirectory } from '../engine/storage/directory-sync.ts';
import type { StagedFile } from '../../shared/model.ts';
import type { StagingRoom } from './staging-room.ts';

/** Staged files nobody used for this long are removed (at start and every hour). */
export const STAGED_TTL_MS = 24 * 3600 * 1000;

export function stagingDir(home: string): string {
  return path.join(home, 'staging');
}

export async function stageUpload(home: string, room: StagingRoom, rawName: string | null, body: http.IncomingMessage, maxBytes: number): Promise<StagedFile> {
  const name = rawName ? safeFileName(rawName) : null;
  if (!name) throw new TransferError('InvalidArgument', 'give the file a usable name (?name=...)');
  const declared = body.headers['content-length'] === undefined ? null : Number(body.headers['content-length']);
  if (declared !== null && !(Number.isSafeInteger(declared) && declared >= 0)) throw new TransferError('InvalidArgument', 'Content-Length is not a size');
  const root = stagingDir(home);
  const id = randomUUID();
  const reservation = await room.reserve(id, declared, maxBytes);
  const arriving = path.join(root, `${id}.part`);
  const dir = path.join(root, id);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      hash.update(chunk);
      // A body without a length takes its room as it comes, and is stopped once there is none.
      reservation.grow(size).then(() => callback(null, chunk), callback);
    },
  });
  try {
    fs.mkdirSync(arriving, { mode: 0o700 });
    await pipeline(body, meter, fs.createWriteStream(path.join(arriving, name), { mode: 0o600, flags: 'wx', flush: true }));
    if (declared !== null && declared !== size) {
      throw new TransferError('ConnectionReset', `the upload ended after ${size} of ${declared} bytes`);
    }
    await syncDirectory(arriving);
    fs.renameSync(arriving, dir);
    await syncDirectory(root);
  } catch (error) {
    reservation.release();
    fs.rmSync(arriving, { recursive: true, force: true });
    throw classifyError(error, { path: path.join(dir, name) });
  }
  reservation.keep(size);
  return { id, name, size, sha256: hash.digest('hex') };
}

/**
 * Removes staged files nobody used within a day (the form that wanted them is long gone); those an
 * upload uses (`inUse`, their folders' ids) stay until the upload leaves the list, which removes them.
 */
export function sweepStaging(home: string, inUse: ReadonlySet<string> = new Set(), now = Date.now()): string[] {
  const root = stagingDir(home);
  const removed: string[] = [];
  if (!fs.existsSync(root)) return removed;
  for (const entry of fs.readdirSync(root)) {
    // A folder still arriving is the upload's own to remove (or the next start's, after a crash).
    if (inUse.has(entry) || entry.endsWith('.part')) continue;
    const dir = path.join(root, entry);
    try {
      if (now - fs.lstatSync(dir).mtimeMs > STAGED_TTL_MS) {
        fs.rmSync(dir, { recursive: true, force: true });
        removed.push(entry);
      }
    } catch {
      // removed meanwhile
    }
  }
  return removed;
}

/** The staged file with this id (whole: not still arriving), or null. */
export function stagedFilePath(home: string, id: string): string | null {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const dir = path.join(stagingDir(home), id);
  try {
    const files = fs.readdirSync(dir);
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
