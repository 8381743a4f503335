// Persistence behind two small interfaces so each host plugs in its own backing
// (electron-store + safeStorage in Electron, conf + a 0600 file in the daemon, memory in tests).
import fs from 'node:fs';
import { emptyState, DownloadRecordSchema, PersistedStateSchema, type PersistedState, type TransferSecret } from './records.ts';

export interface JobStore {
  /** Reads the saved state; a damaged one is moved aside (see loadValidated) and reported. */
  load(): PersistedState;
  /** Replaces the saved state atomically. */
  save(state: PersistedState): void;
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

/** A JobStore over conf or electron-store (same API): `store` is read and replaced whole. */
export class ConfJobStore implements JobStore {
  private readonly conf: { path: string; store: unknown };
  private readonly warn: Warn;

  constructor(conf: { path: string; store: unknown }, warn: Warn) {
    this.conf = conf;
    this.warn = warn;
  }

  load(): PersistedState {
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
    this.conf.store = state;
  }
}
