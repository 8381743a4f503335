// `ferry get` and `ferry upload` keep their transfers in the home too, keyed by what they move
// where, so running the same command again after Ctrl-C, a crash or a failure resumes it (a
// download from the bytes on disk, a tus upload from the server's offset).
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { DownloadRequest, UploadRequest } from '../../shared/schemas.ts';
import { RemoteError } from '../../shared/api-proxy.ts';
import type { JobStore, SecretStore, Warn } from '../engine/state/store.ts';
import { emptyState } from '../engine/state/records.ts';
import { MemoryJobStore, MemorySecretStore } from '../engine/state/store.ts';
import { openStores } from './file-stores.ts';
import { ensureHome } from './home.ts';
import { lock } from './dir-lock.ts';

export interface ForegroundJob {
  store: JobStore;
  secrets: SecretStore;
  /** Forgets the job (after it completed). */
  discard(): void;
  release(): Promise<void>;
}

export class ForegroundBusyError extends Error {}

/** The same URL to the same destination is the same job. */
export function foregroundKey(request: DownloadRequest, cwd = process.cwd()): string {
  const destination = request.path ? `file:${path.resolve(cwd, request.path)}` : request.dir ? `dir:${path.resolve(cwd, request.dir)}` : 'default';
  return createHash('sha256').update(`${request.url.trim()}\n${destination}`).digest('hex').slice(0, 24);
}

/** The same files to the same URLs, sent the same way, are the same job. */
export function uploadKey(requests: UploadRequest[], cwd = process.cwd()): string {
  const what = requests.map((r) => `${r.url.trim()} ${r.protocol ?? 'raw'} ${r.method ?? ''} ${r.files.map((f) => path.resolve(cwd, f.path ?? '')).join(' ')}`);
  return `up-${createHash('sha256').update(what.join('\n')).digest('hex').slice(0, 21)}`;
}

/** The job, or one clear InvalidArgument line when another command holds it. */
export async function claimForegroundJob(home: string, key: string, warn: Warn): Promise<ForegroundJob> {
  try {
    return await openForegroundJob(home, key, warn);
  } catch (error) {
    if (error instanceof ForegroundBusyError) throw new RemoteError({ status: 'InvalidArgument', message: error.message, httpStatus: null });
    throw error;
  }
}

export async function openForegroundJob(home: string, key: string, warn: Warn): Promise<ForegroundJob> {
  ensureHome(home, warn);
  const dir = path.join(home, 'foreground');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stateFile = path.join(dir, `${key}.json`);
  let release: () => Promise<void>;
  try {
    // A lock left by a killed `ferry get` goes stale within seconds; wait that out.
    release = await lock(path.join(dir, key), { staleMs: 5_000, updateMs: 1_000, retries: 7, retryMs: 1_000 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new ForegroundBusyError(key.startsWith('up-') ? 'another "ferry upload" is already sending these files there' : 'another "ferry get" is already downloading this URL to this destination');
    }
    throw error;
  }
  const secretsFile = path.join(dir, `${key}.secrets.json`);
  const { store, secrets } = openStores(stateFile, secretsFile, warn);
  // A job that already completed (a crash just before cleanup) starts over rather than resuming.
  const previous = Object.values(store.load().operations);
  if (previous.length > 0 && previous.every((op) => op.state === 'completed' || op.state === 'canceled')) store.save(emptyState());
  return {
    store,
    secrets,
    discard: () => {
      fs.rmSync(stateFile, { force: true });
      fs.rmSync(secretsFile, { force: true });
    },
    release,
  };
}

/**
 * A job kept in memory only: for a plain or multipart upload, which starts again from the first
 * byte whatever was saved (the same command again sends it anew), a state file would only cost
 * its writes and lock.
 */
export function memoryForegroundJob(): ForegroundJob {
  return { store: new MemoryJobStore(), secrets: new MemorySecretStore(), discard: () => undefined, release: async () => undefined };
}
