// Persistence behind two small interfaces so each host plugs in its own backing (the files of
// state-file.ts and secrets-file.ts in both hosts, the secrets encrypted with safeStorage in
// Electron; memory in tests).
import fs from 'node:fs';
import { TransferError } from '../errors/transfer-error.ts';
import { classifyError } from '../errors/error-classify.ts';
import { emptyState, type PersistedState, type TransferSecret } from './records.ts';
import { built, type Saved } from './write-behind.ts';

export interface JobStore {
  /** Reads the saved state; a damaged one is moved aside (see state-file.ts) and reported. */
  load(): PersistedState;
  /**
   * Replaces the saved state atomically. It may reach the disk later (see flush); the records in
   * `state` may be read then, so they must only ever move forward (never claim an unsynced byte).
   * Given a function, the state is built when it is written (or read back): a burst of saves
   * between two writes builds it once.
   */
  save(state: Saved<PersistedState>): void;
  /** Resolves once every save made before the call is on disk; rejects if that save failed. */
  flush(): Promise<void>;
}

export interface SecretStore {
  get(id: string): TransferSecret | undefined;
  /** Kept at once, on disk once flush() resolves; throws (and keeps nothing) when it cannot be stored at all. */
  set(id: string, secret: TransferSecret): void;
  delete(id: string): void;
  /** Every transfer id with a secret: those of transfers that no longer exist are pruned at start. */
  ids(): string[];
  /** Resolves once every change made before the call is on disk; rejects if that write failed. */
  flush(): Promise<void>;
  /**
   * Moves the secrets of these transfers (null: all of them) out of the store into `file` (0600),
   * beside their records that were set aside: they are never deleted with a damaged state file.
   * Returns how many were moved (none: no file is written).
   */
  setAside(ids: readonly string[] | null, file: string): number;
}

export type Warn = (message: string) => void;

export class MemoryJobStore implements JobStore {
  private state = emptyState();
  load(): PersistedState {
    return structuredClone(this.state);
  }
  save(state: Saved<PersistedState>): void {
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
  async flush(): Promise<void> {}
  setAside(ids: readonly string[] | null): number {
    const moved = (ids ?? this.ids()).filter((id) => this.secrets.delete(id));
    return moved.length;
  }
}

/** Moves a damaged file aside (never deletes it) and returns where it went. */
export function moveAside(file: string): string {
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(file, aside);
  return aside;
}

/** Where the secrets of records set aside in `asideFile` are kept: beside it, `<name>.secrets.json`. */
export function secretsBeside(asideFile: string): string {
  return `${asideFile.replace(/\.json$/, '')}.secrets.json`;
}

/** Why a save failed, in words that say what to do (the transfers themselves go on). */
export function saveFailure(error: unknown, file: string, what = "Ferry's state"): TransferError {
  const cause = classifyError(error, { path: file });
  const why = cause.status === 'DiskFull' ? 'the disk is full' : cause.status === 'FileAccessDenied' ? 'it cannot be written' : cause.message;
  return new TransferError(cause.status, `could not save ${what} to ${file}: ${why}; free some space or fix the folder (Ferry keeps trying by itself)`, { cause: error });
}
