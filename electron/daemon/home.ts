// The daemon's state directory: where it lives, its lock, and the file telling clients how to reach it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TransferError } from '../engine/errors/transfer-error.ts';
import { isLocked, lock } from './dir-lock.ts';

export function resolveHome(flag: string | undefined): string {
  const home = flag ?? process.env['FERRY_HOME'] ?? path.join(os.homedir(), '.ferry');
  return path.resolve(home);
}

/**
 * Makes the home (0700) or checks the one there: it holds the token and credentials, so a home
 * others can read is tightened (with a warning) and one that belongs to another user is refused.
 */
export function ensureHome(home: string, warn: (message: string) => void): void {
  let stat: fs.Stats;
  try {
    fs.mkdirSync(home, { recursive: true, mode: 0o700 });
    stat = fs.statSync(home);
  } catch (error) {
    throw homeProblem(realMkdirError(error, home), home);
  }
  if (!stat.isDirectory()) throw new TransferError('InvalidArgument', `the Ferry home ${home} is not a folder; choose another with --home or FERRY_HOME`);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new TransferError('FileAccessDenied', `the Ferry home ${home} belongs to another user (uid ${stat.uid}); use a folder of your own with --home or FERRY_HOME`);
  }
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    try {
      fs.chmodSync(home, 0o700);
    } catch (error) {
      throw homeProblem(error, home);
    }
    warn(`the Ferry home ${home} was open to other users (mode ${(stat.mode & 0o777).toString(8)}); it is now 0700, since it holds the daemon's token and credentials`);
  }
}

/** A recursive mkdir says ENOENT where the parent exists but is read-only: ask once more, plainly. */
function realMkdirError(error: unknown, dir: string): unknown {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !fs.existsSync(path.dirname(dir))) return error;
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (plain) {
    return plain;
  }
  return error;
}

/** A home that cannot be made or written, in words (read-only, no permission...). */
export function homeProblem(error: unknown, home: string): TransferError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'EROFS' ? 'is on a read-only file system' : code === 'EACCES' || code === 'EPERM' ? 'cannot be written by you' : code === 'ENOSPC' ? 'is on a full disk' : `cannot be used (${(error as Error).message})`;
  return new TransferError(code === 'ENOSPC' ? 'DiskFull' : 'FileAccessDenied', `the Ferry home ${home} ${why}; choose another with --home or FERRY_HOME`, { cause: error });
}

/** node:crypto when first needed: a client command (ferry ls, add...) never is, and loading it costs ~5 ms of every start. */
const randomBytes = (size: number): Buffer => process.getBuiltinModule('node:crypto').randomBytes(size);

/** Writes a file only its owner can read, via a temp file and rename: readers never see half. */
export function writePrivateFile(file: string, data: string): void {
  // Created exclusively under a fresh name: never through a link someone left there.
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(temp, data, { mode: 0o600, flag: 'wx' });
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Who holds a home: `ferry daemon`, or the desktop app for its own user-data folder. */
export type HomeOwner = 'daemon' | 'desktop';

export interface DaemonInfo {
  pid: number;
  port: number;
  host: string;
  token: string;
  /** Absent in files written before the desktop app served its home: a daemon. */
  owner?: HomeOwner;
}

export function daemonInfoPath(home: string): string {
  return path.join(home, 'daemon.json');
}

export function writeDaemonInfo(home: string, info: DaemonInfo): void {
  writePrivateFile(daemonInfoPath(home), JSON.stringify(info));
}

export function readDaemonInfo(home: string): DaemonInfo | null {
  try {
    return JSON.parse(fs.readFileSync(daemonInfoPath(home), 'utf8')) as DaemonInfo;
  } catch {
    return null;
  }
}

export function removeDaemonInfo(home: string): void {
  fs.rmSync(daemonInfoPath(home), { force: true });
}

export class HomeLockedError extends Error {}

/** Who holds the home, in words, from the daemon.json its holder wrote. */
function holderWords(info: DaemonInfo | null): string {
  const pid = info && isAlive(info.pid) ? ` (pid ${info.pid})` : '';
  return info?.owner === 'desktop' ? `the Ferry desktop app${pid}` : `another ferry daemon${pid}`;
}

/**
 * Holds the home for one owner: a daemon, or the desktop app for its user-data folder; never
 * both, since each would write the same state file. The lock goes stale a few seconds after its
 * holder dies (even by kill -9), so a new owner waits that long rather than failing.
 */
export async function lockHome(home: string): Promise<() => Promise<void>> {
  const target = path.join(home, 'daemon');
  const other = readDaemonInfo(home);
  // Fast, clear refusal when the holder is plainly alive; otherwise wait out a stale lock.
  if (other && other.pid !== process.pid && isAlive(other.pid) && isLocked(target, 5000)) {
    throw new HomeLockedError(`${holderWords(other)} is already running with home ${home}`);
  }
  try {
    return await lock(target, {
      staleMs: 5000,
      updateMs: 1000,
      retries: 8,
      retryMs: 1000,
      onCompromised: (error) => {
        console.error(`ferry: lost the lock on ${home}: ${error.message}`);
        process.exit(1);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new HomeLockedError(`${holderWords(readDaemonInfo(home) ?? other)} is already running with home ${home}`);
    throw homeProblem(error, home);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function tokenPath(home: string): string {
  return path.join(home, 'token');
}

/**
 * Calls `changed` whenever the token file may have changed (written, replaced, deleted). Why a
 * folder watch: the token is replaced by a rename, and an idle daemon should not wake every second
 * to look (a tray app on battery); where the OS cannot watch (no inotify left, some network
 * mounts) it polls once a second. Returns the function that stops watching.
 */
export function watchToken(home: string, changed: () => void, watch: typeof fs.watch = fs.watch): () => void {
  const poll = (): (() => void) => {
    fs.watchFile(tokenPath(home), { interval: 1000, persistent: false }, changed);
    return () => fs.unwatchFile(tokenPath(home));
  };
  let stop: () => void;
  try {
    const watcher = watch(home, { persistent: false }, (_event, name) => {
      // No name (some systems): it may have been the token.
      if (name === null || name === 'token') changed();
    });
    watcher.on('error', () => {
      watcher.close();
      stop = poll();
    });
    stop = () => watcher.close();
  } catch {
    stop = poll();
  }
  return () => stop();
}

/** The token in the home, or null when there is none (deleted) or it is not one of ours. */
export function readToken(home: string): string | null {
  try {
    const existing = fs.readFileSync(tokenPath(home), 'utf8').trim();
    return /^[\w-]{32,}$/.test(existing) ? existing : null;
  } catch {
    return null;
  }
}

/** A fresh access token (what the token file holds). */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Writes a fresh token into the home (0600) and returns it. */
export function replaceToken(home: string): string {
  const token = newToken();
  writePrivateFile(tokenPath(home), `${token}\n`);
  return token;
}

/**
 * The CLI's access token, kept in the home (0600) so that a restarted daemon keeps the browser
 * sessions signed with it. Deleting the file (or `ferry logout`) replaces it and ends them all.
 */
export function daemonToken(home: string): string {
  return readToken(home) ?? replaceToken(home);
}
