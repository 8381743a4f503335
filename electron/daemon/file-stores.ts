// The daemon's persistence: transfers in `<dir>/<name>.json`, their secrets in a 0600 file beside
// it (`<name>` secrets.json for the home's state.json), opened together so that records set aside
// from a damaged state file keep their credentials (see engine/state/state-file.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { JobStore, SecretStore, Warn } from '../engine/state/store.ts';
import { FileJobStore } from '../engine/state/state-file.ts';
import { FileSecretStore } from '../engine/state/secrets-file.ts';

export interface Stores {
  store: JobStore;
  secrets: SecretStore;
}

/** The home's state.json and secrets.json. */
export function openHomeStores(home: string, warn: Warn): Stores {
  return openStores(path.join(home, 'state.json'), path.join(home, 'secrets.json'), warn);
}

/** A state file and its secrets file; the temporary files of writes a killed process left go first. */
export function openStores(stateFile: string, secretsFile: string, warn: Warn): Stores {
  for (const file of [stateFile, secretsFile]) removeUnfinishedWrites(file);
  const secrets = new FileSecretStore(secretsFile, warn);
  return { store: new FileJobStore(stateFile, warn, secrets), secrets };
}

/**
 * The temporary files (atomically's `<file>.tmp-<stamp>`) of writes a killed process never
 * finished. Called with the home's (or the job's) lock held, so no live write is among them.
 */
function removeUnfinishedWrites(file: string): void {
  const dir = path.dirname(file);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const prefix = `${path.basename(file)}.tmp-`;
  for (const name of names) if (name.startsWith(prefix)) fs.rmSync(path.join(dir, name), { force: true });
}
