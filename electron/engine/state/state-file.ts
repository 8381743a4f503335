// The state file (state.json): read and checked once at start, written behind (write-behind.ts).
// Whatever of it cannot be used is set aside with a message, never emptied silently, and the
// credentials of the transfers set aside go with them (never deleted with a damaged file).
import { migrateState, NewerStateError } from './state-migrations.ts';
import { emptyState, PersistedStateSchema, TransferRecordSchema, type PersistedState, type TransferRecord } from './records.ts';
import { moveAside, saveFailure, secretsBeside, type JobStore, type SecretStore, type Warn } from './store.ts';
import { readOrSetAside, writeAtomically, writeSideFile } from './json-file.ts';
import { WriteBehind, built, type Saved } from './write-behind.ts';
import { checkFor, isPlainObject } from './record-check.ts';

/** Whether a parsed record is valid: zod's answer, at a quarter of its cost (record-check.ts). Compiled on the first saved record read (a new job or home has none). */
let recordCheck: ((value: unknown) => boolean) | null = null;
const isRecord = (value: unknown): boolean => (recordCheck ??= checkFor(TransferRecordSchema))(value);

/** A state file Ferry cannot use as a whole (a newer version, another shape); `message` says why. */
export class StoreShapeError extends Error {}

/**
 * The state in a parsed state file, at the current version. Records that do not parse are left out
 * of it and kept in a side file next to `file` (their credentials beside them), with a warning.
 */
export function validateState(raw: Record<string, unknown>, file: string, warn: Warn, secrets: SecretStore): PersistedState {
  if (Object.keys(raw).length === 0) return emptyState();
  let migrated: unknown;
  try {
    migrated = migrateState(raw);
  } catch (error) {
    if (error instanceof NewerStateError) throw new StoreShapeError(`${file} cannot be read: ${error.message}`);
    throw error;
  }
  // The records are checked one by one below: zod's copy of a list of 100,000 cost ~0.4 s.
  const operations = (migrated as { operations?: unknown }).operations;
  const plain = isPlainObject(operations);
  const parsed = PersistedStateSchema.safeParse(plain ? { ...(migrated as object), operations: {} } : migrated);
  if (!parsed.success || !plain) throw new StoreShapeError(`${file} does not have the shape Ferry writes`);
  const state: PersistedState = { ...parsed.data, operations: {} };
  const rejected: Record<string, unknown> = {};
  for (const id of Object.keys(operations)) {
    // Checked, and then the record as JSON.parse made it is kept: zod's copy (keys it does not know
    // dropped; there are no defaults or transforms) doubled the memory and the collector's work of
    // a start with 100,000 records.
    // One the quick check refuses is asked of zod too: a record is never set aside on its word alone.
    const record = operations[id];
    if (isRecord(record) || TransferRecordSchema.safeParse(record).success) state.operations[id] = record as TransferRecord;
    else rejected[id] = record;
  }
  const ids = Object.keys(rejected);
  if (ids.length > 0) {
    const side = `${file}.rejected-${Date.now()}.json`;
    writeSideFile(side, rejected);
    warn(`${ids.length} transfer record(s) in ${file} were unreadable and were saved to ${side}${keptWith(secrets, ids, side)}`);
  }
  return state;
}

/** Sets aside the secrets of records set aside in `side`, and says where they went ("" when there were none). */
function keptWith(secrets: SecretStore, ids: readonly string[] | null, side: string): string {
  const file = secretsBeside(side);
  const moved = secrets.setAside(ids, file);
  return moved > 0 ? `; the credentials of ${moved === 1 ? 'that transfer' : `those ${moved} transfers`} were kept with ${ids?.length === 1 ? 'it' : 'them'} in ${file} (0600)` : '';
}

/** The JobStore of both hosts: a JSON file, read once, written atomically in the background. */
export class FileJobStore implements JobStore {
  private readonly file: string;
  private readonly warn: Warn;
  private readonly secrets: SecretStore;
  private readonly writer: WriteBehind<PersistedState>;
  /** What was saved last: reads after a save see it even before it reached the disk. */
  private saved: Saved<PersistedState> | null = null;

  /** `secrets`: the store whose credentials go with the records if some must be set aside. */
  constructor(file: string, warn: Warn, secrets: SecretStore) {
    this.file = file;
    this.warn = warn;
    this.secrets = secrets;
    this.writer = new WriteBehind((json) => writeAtomically(file, json), warn, (error) => saveFailure(error, file));
  }

  load(): PersistedState {
    if (this.saved) return structuredClone(built(this.saved));
    const emptied = (why: string, movedTo: string): void => {
      this.warn(`${why}; it was moved to ${movedTo} and Ferry started with an empty list${keptWith(this.secrets, null, movedTo)}`);
    };
    const raw = readOrSetAside(this.file, (problem, movedTo) => emptied(`Ferry's state file ${this.file} ${problem}`, movedTo));
    if (!raw) return emptyState();
    let rejected = false;
    try {
      const state = validateState(raw, this.file, (message) => {
        rejected = true;
        this.warn(message);
      }, this.secrets);
      // The records set aside leave the file too: the next load does not set them aside again.
      if (rejected) this.save(state);
      return state;
    } catch (error) {
      if (!(error instanceof StoreShapeError)) throw error;
      emptied(error.message, moveAside(this.file));
      return emptyState();
    }
  }

  save(state: Saved<PersistedState>): void {
    this.saved = state;
    this.writer.queue(state);
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }
}
