// Persistence behind two small interfaces so each host plugs in its own backing
// (electron-store + safeStorage in Electron, conf + a 0600 file in the daemon, memory in tests).
import fs from 'node:fs';
import { TransferError } from './transfer-error.ts';
import { migrateState, NewerStateError } from './state-migrations.ts';
import { classifyError } from './error-classify.ts';
import { emptyState, TransferRecordSchema, PersistedStateSchema, type PersistedState, type TransferSecret } from './records.ts';

export interface JobStore {
  /** Reads the saved state; a damaged one is moved aside (see loadValidated) and reported. */
  load(): PersistedState;
  /**
   * Replaces the saved state atomically. It may reach the disk later (see flush); the records in
   * `state` may be read then, so they must only ever move forward (never claim an unsynced byte).
   * Given a function, the state is built when it is written (or read back): a burst of saves
   * between two writes builds it once.
   */
  save(state: Saved): void;
  /** Resolves once every save made before the call is on disk; rejects if that save failed. */
  flush(): Promise<void>;
}

export interface SecretStore {
  get(id: string): TransferSecret | undefined;
  /** Throws (and keeps nothing) when the secret cannot be saved. */
  set(id: string, secret: TransferSecret): void;
  delete(id: string): void;
  /** Every transfer id with a secret: those of transfers that no longer exist are pruned at start. */
  ids(): string[];
}

export type Warn = (message: string) => void;

type Saved = PersistedState | (() => PersistedState);
const built = (state: Saved): PersistedState => (typeof state === 'function' ? state() : state);

export class MemoryJobStore implements JobStore {
  private state = emptyState();
  load(): PersistedState {
    return structuredClone(this.state);
  }
  save(state: Saved): void {
    this.state = structuredClone(built(state));
  }
  async flush(): Promise<void> {}
}

export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, TransferSecret>();
  get(id: string): TransferSecret | undefined {
    return this.secrets.get(id);
  }
  set(id: string, secret: TransferSecret): void {
    this.secrets.set(id, secret);
  }
  delete(id: string): void {
    this.secrets.delete(id);
  }
  ids(): string[] {
    return [...this.secrets.keys()];
  }
}

/** Moves a damaged file aside (never deletes it) and returns where it went. */
export function moveAside(file: string): string {
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(file, aside);
  return aside;
}

/**
 * Checks a raw store object. Records that do not parse are dropped from the live state but kept in
 * a side file next to `file`, with a warning, so nothing is lost silently.
 */
export function validateState(raw: unknown, file: string, warn: Warn): PersistedState {
  if (raw === undefined || (typeof raw === 'object' && raw !== null && Object.keys(raw).length === 0)) return emptyState();
  let migrated: unknown;
  try {
    migrated = migrateState(raw);
  } catch (error) {
    if (error instanceof NewerStateError) throw new StoreShapeError(`${file} cannot be read: ${error.message}`);
    throw error;
  }
  const parsed = PersistedStateSchema.safeParse(migrated);
  if (!parsed.success) throw new StoreShapeError(`${file} does not have the shape Ferry writes`);
  const state: PersistedState = { ...parsed.data, operations: {} };
  const rejected: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(parsed.data.operations)) {
    const record = TransferRecordSchema.safeParse(value);
    if (record.success) state.operations[id] = record.data;
    else rejected[id] = value;
  }
  const count = Object.keys(rejected).length;
  if (count > 0) {
    const side = `${file}.rejected-${Date.now()}.json`;
    fs.writeFileSync(side, JSON.stringify(rejected, null, 2), { mode: 0o600 });
    warn(`${count} transfer record(s) in ${file} were unreadable and were saved to ${side}`);
  }
  return state;
}

export class StoreShapeError extends Error {}

/** What a JSON file holds when it is valid JSON but not an object ("null", "an array"...); else null. */
function topLevelShape(file: string): string | null {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null; // missing, or not JSON: the store's own recovery handles it
  }
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'an array';
  return typeof raw === 'object' ? null : `a ${typeof raw}`;
}

/**
 * Opens a conf-like store (conf or electron-store both throw on invalid JSON); a damaged file is
 * moved aside with a clear warning and a fresh store is opened in its place.
 */
export function openRecovering<T extends { path: string; store: unknown }>(
  open: () => T,
  filePath: string,
  warn: Warn,
): T {
  // conf and electron-store read null, [] or 42 as an empty store (and would save over it).
  const shape = topLevelShape(filePath);
  if (shape) warn(`Ferry's state file ${filePath} holds ${shape}, not the object Ferry writes; it was moved to ${moveAside(filePath)} and Ferry started with an empty list`);
  try {
    return open();
  } catch (error) {
    if (!fs.existsSync(filePath)) throw error;
    warn(`Ferry's state file ${filePath} could not be read (${(error as Error).message}); it was moved to ${moveAside(filePath)} and Ferry started with an empty list`);
    return open();
  }
}

/** Why a save failed, in words that say what to do (the transfers themselves go on). */
export function saveFailure(error: unknown, file: string): TransferError {
  const cause = classifyError(error, { path: file });
  const what = cause.status === 'DiskFull' ? 'the disk is full' : cause.status === 'FileAccessDenied' ? 'it cannot be written' : cause.message;
  return new TransferError(cause.status, `could not save Ferry's state to ${file}: ${what}; free some space or fix the folder (Ferry keeps trying by itself)`, { cause: error });
}

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;
/**
 * Between two writes nobody waits for, at least this long: while 200 small downloads finish, the
 * state (all of their records) was written back to back, a fifth of the daemon's work. A command
 * waiting for its save (flush) is written at once.
 */
const QUIET_GAP_MS = 50;

/**
 * Writes the newest state in the background, one write at a time: the event loop never waits for
 * the disk. A state file's fsync can take hundreds of milliseconds while a download is being flushed
 * (ext4 commits the data with it), and a synchronous write would stall every transfer meanwhile.
 * A failed write (a full disk) fails the flushes waiting for it and is tried again, with backoff,
 * until one succeeds: the newest state reaches the disk once there is room, without a command.
 */
export class WriteBehind {
  private pending: Saved | null = null;
  private writing: Promise<void> | null = null;
  /** Saves queued so far, and how many of them a finished write covered. */
  private queued = 0;
  private written = 0;
  private waiters: Array<{ upTo: number; resolve: () => void; reject: (error: Error) => void }> = [];
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay = RETRY_MIN_MS;
  private failing = false;
  private readonly write: (json: string) => Promise<void>;
  private readonly fail: (error: unknown) => Error;
  private readonly warn: Warn;

  constructor(write: (json: string) => Promise<void>, warn: Warn, fail: (error: unknown) => Error = (e) => e as Error) {
    this.write = write;
    this.warn = warn;
    this.fail = fail;
  }

  queue(state: Saved): void {
    this.pending = state;
    this.queued++;
    if (!this.retryTimer) this.writing ??= this.drain();
  }

  /**
   * Resolves once the saves queued before this call are written (later ones are not waited for);
   * rejects when the write that was to cover them failed.
   */
  flush(): Promise<void> {
    const upTo = this.queued;
    if (this.written >= upTo) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ upTo, resolve, reject });
      this.wake?.();
      // A write failed and waits for its retry (an unref'd timer): someone waits now, so try now.
      // Left to the timer, a process that only waits for this flush would end with it unsettled.
      if (this.retryTimer) {
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
        this.writing ??= this.drain();
      }
    });
  }

  /** Ends the quiet gap early: someone waits for the disk. */
  private wake: (() => void) | null = null;

  private lastWriteEnded = -Infinity;

  private async drain(): Promise<void> {
    while (this.pending) {
      const gap = this.lastWriteEnded + QUIET_GAP_MS - performance.now();
      if (gap > 0 && this.waiters.length === 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            this.wake = null;
            resolve();
          }, gap);
          this.wake = () => {
            clearTimeout(timer);
            this.wake = null;
            resolve();
          };
        });
      }
      // Serialised when written, not when queued: a burst of saves costs one stringify.
      const covers = this.queued;
      const state = this.pending;
      this.pending = null;
      try {
        await this.write(JSON.stringify(built(state)));
        this.lastWriteEnded = performance.now();
      } catch (error) {
        this.failed(state, covers, error);
        this.writing = null;
        return;
      }
      if (this.failing) this.warn("Ferry's state is saved again");
      this.failing = false;
      this.retryDelay = RETRY_MIN_MS;
      this.written = covers;
      this.settle(covers, null);
    }
    this.writing = null;
  }

  /** Fails the flushes that waited for this write, and tries the newest state again later. */
  private failed(state: Saved, covers: number, error: unknown): void {
    const reason = this.fail(error);
    if (!this.failing) this.warn(reason.message);
    this.failing = true;
    this.settle(covers, reason);
    this.pending ??= state;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.writing ??= this.drain();
    }, this.retryDelay);
    this.retryTimer.unref();
    this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
  }

  private settle(covers: number, error: Error | null): void {
    const ready = this.waiters.filter((w) => w.upTo <= covers);
    this.waiters = this.waiters.filter((w) => w.upTo > covers);
    for (const waiter of ready) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  }
}

/**
 * A JobStore over conf or electron-store (same API). Loading goes through them (they own the file's
 * format and its recovery); saving writes the same JSON file atomically in the background.
 */
export class ConfJobStore implements JobStore {
  private readonly conf: { path: string; store: unknown };
  private readonly warn: Warn;
  private readonly writer: WriteBehind;
  /** What was saved last: reads after a save see it even before it reached the disk. */
  private saved: Saved | null = null;

  constructor(conf: { path: string; store: unknown }, warn: Warn) {
    this.conf = conf;
    this.warn = warn;
    // tmpPurge off: atomically deletes its temporary files when a signal comes, even when Ferry
    // handles that signal and goes on (Ctrl-C pauses `ferry get`), which failed the write under way.
    // atomically is loaded at the first save: a foreground upload keeps its job in memory (~3 ms).
    this.writer = new WriteBehind(async (json) => (await import('atomically')).writeFile(conf.path, json, { mode: 0o600, tmpPurge: false }), warn, (error) => saveFailure(error, conf.path));
  }

  load(): PersistedState {
    if (this.saved) return structuredClone(built(this.saved));
    try {
      return validateState(this.conf.store, this.conf.path, this.warn);
    } catch (error) {
      if (!(error instanceof StoreShapeError)) throw error;
      this.warn(`${error.message}; it was moved to ${moveAside(this.conf.path)} and Ferry started with an empty list`);
      this.conf.store = emptyState();
      return emptyState();
    }
  }

  save(state: Saved): void {
    this.saved = state;
    this.writer.queue(state);
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }
}
