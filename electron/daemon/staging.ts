// Files dropped in the browser UI are streamed here, into the daemon's home, since the daemon
// (which will upload them) cannot read the browser's disk. Each lands in its own folder, written to
// a .part file and renamed when whole.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type http from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { safeFileName } from '../engine/file-name.ts';
import { TransferError } from '../engine/transfer-error.ts';
import { classifyError } from '../engine/error-classify.ts';
import { syncDirectory } from '../engine/part-file.ts';
import type { StagedFile } from '../../shared/model.ts';

/** Staged files older than this are removed when the daemon starts. */
const STALE_MS = 7 * 24 * 3600 * 1000;

export function stagingDir(home: string): string {
  return path.join(home, 'staging');
}

export async function stageUpload(home: string, rawName: string | null, body: http.IncomingMessage): Promise<StagedFile> {
  const name = rawName ? safeFileName(rawName) : null;
  if (!name) throw new TransferError('InvalidArgument', 'give the file a usable name (?name=...)');
  const id = randomUUID();
  const dir = path.join(stagingDir(home), id);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const final = path.join(dir, name);
  const part = `${final}.part`;
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, fs.createWriteStream(part, { mode: 0o600, flush: true }));
    const expected = body.headers['content-length'];
    if (expected !== undefined && Number(expected) !== size) {
      throw new TransferError('ConnectionReset', `the upload ended after ${size} of ${expected} bytes`);
    }
    fs.renameSync(part, final);
    await syncDirectory(dir);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw classifyError(error, { path: final });
  }
  return { id, name, size, sha256: hash.digest('hex') };
}

/** Removes staged files nobody used within a week (the upload that wanted them is long gone). */
export function sweepStaging(home: string, now = Date.now()): void {
  const root = stagingDir(home);
  if (!fs.existsSync(root)) return;
  for (const entry of fs.readdirSync(root)) {
    const dir = path.join(root, entry);
    if (now - fs.statSync(dir).mtimeMs > STALE_MS) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Drops a staged file (the user closed the upload form without using it). */
export function discardStaged(home: string, id: string): boolean {
  if (!/^[0-9a-f-]{36}$/.test(id)) return false;
  const dir = path.join(stagingDir(home), id);
  if (!fs.existsSync(dir)) return false;
  fs.rmSync(dir, { recursive: true, force: true });
  return true;
}
