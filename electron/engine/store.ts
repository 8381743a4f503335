// Persistence behind two small interfaces so each host plugs in its own backing
// (electron-store + safeStorage in Electron, conf + a 0600 file in the daemon, memory in tests).
import fs from 'node:fs';
import { writeFile as atomicWriteFile } from 'atomically';
import { emptyState, DownloadRecordSchema, PersistedStateSchema, type PersistedState, type TransferSecret } from './records.ts';

export interface JobStore {
  /** Reads the saved state; a damaged one is moved aside (see loadValidated) and reported. */
  load(): PersistedState;
  /**
   * Replaces the saved state atomically. It may reach the disk later (see flush); the records in
   * `state` may be read then, so they must only ever move forward (never claim an unsynced byte).
   */
  save(state: PersistedState): void;
  /** Resolves once every save made before the call is on disk. */
  flush(): Promise<void>;
}

export interface SecretStore {
  get(id: string): TransferSecret | undefined;
  set(id: string, secret: TransferSecret): void;
  delete(id: string): void;
}

export type Warn = (message: string) => void;

export class MemoryJobStore implements JobStore {
  private state = emptyState();
  load(): PersistedState {
    return structuredClone(this.state);
  }
  save(state: PersistedState): void {
    this.state = structuredClone(state);
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
  const parsed = PersistedStateSchema.safeParse(raw);
  if (!parsed.success) throw new StoreShapeError(`${file} does not have the shape Ferry writes`);
  const state: PersistedState = { ...parsed.data, operations: {} };
  const rejected: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(parsed.data.operations)) {
    const record = DownloadRecordSchema.safeParse(value);
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

/**
 * Opens a conf-like store (conf or electron-store both throw on invalid JSON); a damaged file is
 * moved aside with a clear warning and a fresh store is opened in its place.
 */
export function openRecovering<T extends { path: string; store: unknown }>(
  open: () => T,
  filePath: string,
  warn: Warn,
): T {
  try {
    return open();
  } catch (error) {
    if (!fs.existsSync(filePath)) throw error;
    warn(`Ferry's state file ${filePath} could not be read (${(error as Error).message}); it was moved to ${moveAside(filePath)} and Ferry started with an empty list`);
    return open();
  }
}

/**
 * Writes the newest state in the background, one write at a time: the event loop never waits for
 * the disk. A state file's fsync can take hundreds of milliseconds while a download is being flushed
 * (ext4 commits the data with it), and a synchronous write would stall every transfer meanwhile.
 */
export class WriteBehind {
  private pending: PersistedState | null = null;
  private writing: Promise<void> | null = null;
  /** Saves queued so far, and how many of them a finished write covered. */
  private queued = 0;
  private written = 0;
  private waiters: Array<{ upTo: number; resolve: () => void }> = [];
  private readonly write: (json: string) => Promise<void>;
  private readonly warn: Warn;

  constructor(write: (json: string) => Promise<void>, warn: Warn) {
    this.write = write;
    this.warn = warn;
  }

  queue(state: PersistedState): void {
    this.pending = state;
    this.queued++;
    this.writing ??= this.drain();
  }

  /** Resolves once the saves queued before this call are written (later ones are not waited for). */
  flush(): Promise<void> {
    const upTo = this.queued;
    if (this.written >= upTo) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ upTo, resolve }));
  }

  private async drain(): Promise<void> {
    while (this.pending) {
      // Serialised when written, not when queued: a burst of saves costs one stringify.
      const covers = this.queued;
      const json = JSON.stringify(this.pending);
      this.pending = null;
      try {
        await this.write(json);
      } catch (error) {
        this.warn(`could not save Ferry's state: ${(error as Error).message}`);
      }
      this.written = covers;
      const ready = this.waiters.filter((w) => w.upTo <= covers);
      this.waiters = this.waiters.filter((w) => w.upTo > covers);
      for (const waiter of ready) waiter.resolve();
    }
    this.writing = null;
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
  private saved: PersistedState | null = null;

  constructor(conf: { path: string; store: unknown }, warn: Warn) {
    this.conf = conf;
    this.warn = warn;
    this.writer = new WriteBehind((json) => atomicWriteFile(conf.path, json, { mode: 0o600 }), warn);
  }

  load(): PersistedState {
    if (this.saved) return structuredClone(this.saved);
    try {
      return validateState(this.conf.store, this.conf.path, this.warn);
    } catch (error) {
      if (!(error instanceof StoreShapeError)) throw error;
      this.warn(`${error.message}; it was moved to ${moveAside(this.conf.path)} and Ferry started with an empty list`);
      this.conf.store = emptyState();
      return emptyState();
    }
  }

  save(state: PersistedState): void {
    this.saved = state;
    this.writer.queue(state);
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }
}
