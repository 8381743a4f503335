// A lock held by one process at a time across processes: the folder `<target>.lock`, made with
// mkdir (atomic: one maker wins), its modification time renewed every `updateMs` while held. A
// holder that dies (even by kill -9) stops renewing it, and once it is `staleMs` old the next
// locker removes it and takes over. The same layout and rules as proper-lockfile, which this
// replaced: that library (with graceful-fs, retry and signal-exit) cost ~20 ms of every `ferry get`'s
// start, before its first request.
import fs from 'node:fs';

export interface DirLockOptions {
  /** A lock not renewed for this long belongs to a dead holder. */
  staleMs: number;
  /** How often the holder renews it (at most half of staleMs). */
  updateMs: number;
  /** How many more tries while another holds it, `retryMs` apart, before giving up with ELOCKED. */
  retries: number;
  retryMs: number;
  /** The lock was taken over or removed behind our back (default: throw, ending the process). */
  onCompromised?: (error: Error) => void;
}

export type Release = () => Promise<void>;

const lockDir = (target: string): string => `${target}.lock`;

function lockedError(target: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`Lock file is already being held: ${lockDir(target)}`), { code: 'ELOCKED' });
}

const isStale = (mtimeMs: number, staleMs: number): boolean => mtimeMs < Date.now() - staleMs;

/** Whether a live holder has `target` locked now. */
export function isLocked(target: string, staleMs: number): boolean {
  try {
    return !isStale(fs.statSync(lockDir(target)).mtimeMs, staleMs);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** One attempt: the lock's modification time once made, or ELOCKED. A stale lock is taken over. */
function acquire(target: string, staleMs: number, takeOver = true): number {
  const dir = lockDir(target);
  try {
    fs.mkdirSync(dir);
    return fs.statSync(dir).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (!takeOver) throw lockedError(target);
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(dir).mtimeMs;
  } catch (error) {
    // Released between our mkdir and stat: one more try, without a second takeover.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return acquire(target, staleMs, false);
    throw error;
  }
  if (!isStale(mtimeMs, staleMs)) throw lockedError(target);
  try {
    fs.rmdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return acquire(target, staleMs, false);
}

/** Locks `target`, waiting out another holder as `options` say. Resolves to the function that releases it. */
export async function lock(target: string, options: DirLockOptions): Promise<Release> {
  const staleMs = Math.max(options.staleMs, 2000);
  const updateMs = Math.max(Math.min(options.updateMs, staleMs / 2), 1000);
  let mtimeMs: number;
  for (let attempt = 0; ; attempt++) {
    try {
      mtimeMs = acquire(target, staleMs);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || attempt >= options.retries) throw error;
      await new Promise((resolve) => setTimeout(resolve, options.retryMs));
    }
  }
  return new HeldLock(target, mtimeMs, staleMs, updateMs, options.onCompromised ?? throwIt).release;
}

const throwIt = (error: Error): void => {
  throw error;
};

/** Locks this process holds, removed when it exits. */
const held = new Set<HeldLock>();

class HeldLock {
  private readonly target: string;
  private mtimeMs: number;
  private readonly staleMs: number;
  private readonly updateMs: number;
  private readonly onCompromised: (error: Error) => void;
  private timer: NodeJS.Timeout | null = null;
  private released = false;
  private lastRenewed = Date.now();

  constructor(target: string, mtimeMs: number, staleMs: number, updateMs: number, onCompromised: (error: Error) => void) {
    this.target = target;
    this.mtimeMs = mtimeMs;
    this.staleMs = staleMs;
    this.updateMs = updateMs;
    this.onCompromised = onCompromised;
    held.add(this);
    watchExit();
    this.schedule(updateMs);
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => this.renew(), ms);
    this.timer.unref();
  }

  /** Renews the lock's time, unless another process changed or removed it (then it is compromised). */
  private renew(): void {
    if (this.released) return;
    const dir = lockDir(this.target);
    const late = this.lastRenewed + this.staleMs < Date.now();
    try {
      if (fs.statSync(dir).mtimeMs !== this.mtimeMs) return this.compromised(new Error('Unable to update lock within the stale threshold'));
      const now = new Date();
      fs.utimesSync(dir, now, now);
      this.mtimeMs = fs.statSync(dir).mtimeMs;
      this.lastRenewed = Date.now();
      this.schedule(this.updateMs);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || late) return this.compromised(error as Error);
      // A passing failure (a busy disk): try again soon.
      this.schedule(1000);
    }
  }

  private compromised(error: Error): void {
    this.stop();
    this.onCompromised(Object.assign(error, { code: 'ECOMPROMISED' }));
  }

  private stop(): void {
    this.released = true;
    if (this.timer) clearTimeout(this.timer);
    held.delete(this);
  }

  readonly release = async (): Promise<void> => {
    if (this.released) throw Object.assign(new Error('Lock is already released'), { code: 'ERELEASED' });
    this.stop();
    this.removeSync();
  };

  removeSync(): void {
    try {
      fs.rmdirSync(lockDir(this.target));
    } catch {
      // Already gone (taken over as stale): nothing of ours to remove.
    }
  }
}

/**
 * The signals that end a process by default. On one that nothing else listens to, the locks are
 * removed and the signal raised again (so it still ends the process as it would have); where the
 * program handles the signal itself (Ctrl-C pauses `ferry get`), its exit removes them.
 */
const ENDING_SIGNALS: NodeJS.Signals[] = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGQUIT', 'SIGABRT', 'SIGALRM', 'SIGUSR2', 'SIGVTALRM', 'SIGXCPU', 'SIGXFSZ', 'SIGTRAP', 'SIGSYS'];
let watching = false;

function removeAll(): void {
  for (const lock of held) lock.removeSync();
  held.clear();
}

function watchExit(): void {
  if (watching) return;
  watching = true;
  process.on('exit', removeAll);
  if (process.platform === 'win32') return;
  for (const signal of ENDING_SIGNALS) {
    const listener = (): void => {
      if (process.listenerCount(signal) > 1) return;
      removeAll();
      process.off(signal, listener);
      process.kill(process.pid, signal);
    };
    process.on(signal, listener);
  }
}
