// The saved state's versions and how an older one is brought up to date. Each step takes the raw
// JSON of one version to the next; the result is then validated like any state (records.ts).
//   1 -> 2: download records learn which file their part file is (partIdentity, null: not known,
//           a plain file of ours is adopted on resume) and whether it is to be decoded when
//           complete (decodeOnFinish), and keep their state changes (history, empty at first).
//   2 -> 3: records are a union on `kind`: uploads join downloads. A version 2 file holds only
//           downloads, which are unchanged; the version is raised so that an older Ferry refuses
//           a file with uploads ("written by a newer Ferry") instead of moving them aside.
export const STATE_VERSION = 3;

type Raw = Record<string, unknown>;

const STEPS: Record<number, (state: Raw) => Raw> = {
  1: (state) => ({
    ...state,
    version: 2,
    operations: Object.fromEntries(
      Object.entries((state['operations'] ?? {}) as Record<string, Raw>).map(([id, record]) => [
        id,
        record && typeof record === 'object' && record['kind'] === 'download' ? { partIdentity: null, decodeOnFinish: null, history: [], ...record } : record,
      ]),
    ),
  }),
  2: (state) => ({ ...state, version: 3 }),
};

export class NewerStateError extends Error {}

/** The raw state at STATE_VERSION; unchanged if it is not an object with a version we know. */
export function migrateState(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  let state = raw as Raw;
  const version = state['version'];
  if (typeof version === 'number' && version > STATE_VERSION) {
    throw new NewerStateError(`it was written by a newer Ferry (state version ${version}; this one reads up to ${STATE_VERSION})`);
  }
  for (let v = typeof version === 'number' ? version : STATE_VERSION; v < STATE_VERSION; v++) {
    const step = STEPS[v];
    if (!step) break;
    state = step(state);
  }
  return state;
}
