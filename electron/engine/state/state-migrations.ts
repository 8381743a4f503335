// The saved state's versions and how an older one is brought up to date. Each step takes the raw
// JSON of one version to the next; the result is then validated like any state (records.ts).
//   1 -> 2: download records learn which file their part file is (partIdentity, null: not known,
//           a plain file of ours is adopted on resume) and whether it is to be decoded when
//           complete (decodeOnFinish), and keep their state changes (history, empty at first).
//   2 -> 3: records are a union on `kind`: uploads join downloads. A version 2 file holds only
//           downloads, which are unchanged; the version is raised so that an older Ferry refuses
//           a file with uploads ("written by a newer Ferry") instead of moving them aside.
//   3 -> 4: what a protocol keeps to continue a transfer is its own part of the record,
//           `protocolState`: a download's `validator` becomes HTTP's facts, a tus upload's
//           `resumeUrl` tus's; null where there was none. Records gain their own speed limit
//           (`limitBytesPerSec`, null).
//   4 -> 5: a download may be fetched over several connections: its durable bytes may be a set
//           of ranges (`doneRanges`, null: one prefix, as every older record is), and
//           `connections` 1, the only value before, becomes null (as many as help). The version
//           is raised so that an older Ferry refuses ranges it would take for a prefix. Downloads
//           keep the checksum a server sent (`serverDigest`) and whose checksum the finished file
//           was checked against (`verified`), null for both; and whether their folder may follow
//           the file's category (`dirByCategory`, false: they have theirs).
//   5 -> 6: groups are completion groups: their members (the ids of the records naming them, in
//           the order they were made), whether they are closed (no: a group of before is open),
//           what runs when they have finished (nothing), the members' results, and what ran.
//   6 -> 7: the queue has an explicit order the user can change (`queueOrder`); it starts as
//           the creation order (`seq`), which was the order before. The version is raised so that
//           an older Ferry refuses the field instead of moving every record aside.
//   7 -> 8: downloads may have other addresses of the same file (`mirrors`, none before), the
//           one in use (`source`, 0: the url), whether it replaced another and has not answered
//           yet (`newAddress`), and whether bytes were kept on the strength of the checksum alone
//           (`vouchedByChecksum`). Raised so that an older Ferry refuses them instead of dropping
//           the mirrors and the proof the bytes on disk rest on.
export const STATE_VERSION = 8;

type Raw = Record<string, unknown>;

const STEPS: Record<number, (state: Raw) => Raw> = {
  1: (state) => ({
    ...state,
    version: 2,
    operations: mapRecords(state, (record) => (record['kind'] === 'download' ? { partIdentity: null, decodeOnFinish: null, history: [], ...record } : record)),
  }),
  2: (state) => ({ ...state, version: 3 }),
  3: (state) => ({ ...state, version: 4, operations: mapRecords(state, (record) => ({ limitBytesPerSec: null, ...protocolStateOf(record) })) }),
  4: (state) => ({
    ...state,
    version: 5,
    operations: mapRecords(state, (record) =>
      record['kind'] === 'download'
        ? { ...record, doneRanges: null, serverDigest: null, verified: null, dirByCategory: false, connections: record['connections'] === 1 ? null : record['connections'] }
        : record,
    ),
  }),
  5: (state) => ({ ...state, version: 6, groups: completionGroupsOf(state) }),
  6: (state) => ({ ...state, version: 7, operations: mapRecords(state, (record) => ({ queueOrder: record['seq'], ...record })) }),
  7: (state) => ({
    ...state,
    version: 8,
    operations: mapRecords(state, (record) => (record['kind'] === 'download' ? { mirrors: [], source: 0, newAddress: false, vouchedByChecksum: false, ...record } : record)),
  }),
};

/** Version 5's groups ({name, behavior}) with the completion fields: open, no actions, members from the records. */
function completionGroupsOf(state: Raw): Record<string, unknown> {
  const records = Object.values((state['operations'] ?? {}) as Record<string, unknown>).filter((r): r is Raw => !!r && typeof r === 'object') as Raw[];
  const membersOf = (name: string): string[] =>
    records
      .filter((r) => r['group'] === name && typeof r['id'] === 'string')
      .sort((a, b) => Number(a['seq']) - Number(b['seq']))
      .map((r) => r['id'] as string);
  return Object.fromEntries(
    Object.entries((state['groups'] ?? {}) as Record<string, unknown>).map(([key, group]) => [
      key,
      group && typeof group === 'object' ? { closed: false, onComplete: null, members: membersOf(key), results: {}, firing: null, firedAt: null, history: [], ...(group as Raw) } : group,
    ]),
  );
}

function mapRecords(state: Raw, change: (record: Raw) => Raw): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries((state['operations'] ?? {}) as Record<string, unknown>).map(([id, record]) => [
      id,
      record && typeof record === 'object' && !Array.isArray(record) ? change(record as Raw) : record,
    ]),
  );
}

/** A version 3 record with its protocol's facts moved into protocolState (anything else is left for validation to judge). */
function protocolStateOf(record: Raw): Raw {
  const { validator, resumeUrl, ...rest } = record;
  if (record['kind'] === 'download') {
    const v = validator as Raw | null | undefined;
    return { ...rest, protocolState: v && typeof v === 'object' ? { protocol: 'http', etag: v['etag'] ?? null, lastModified: v['lastModified'] ?? null } : null };
  }
  if (record['kind'] === 'upload') {
    return { ...rest, protocolState: typeof resumeUrl === 'string' ? { protocol: 'tus', uploadUrl: resumeUrl } : null };
  }
  return record;
}

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
