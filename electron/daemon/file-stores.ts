// The daemon's persistence: transfers in conf (atomic JSON), secrets in a separate 0600 file.
import fs from 'node:fs';
import path from 'node:path';
import { ConfJobStore, moveAside, openRecovering, saveFailure, type JobStore, type SecretStore, type Warn } from '../engine/store.ts';
import type { TransferSecret } from '../engine/records.ts';
import { writePrivateFile } from './home.ts';

export function openJobStore(home: string, warn: Warn): Promise<JobStore> {
  return openConfJobStore(home, 'state', warn);
}

/**
 * A JobStore in `<dir>/<name>.json`, read through conf. conf (with its JSON-schema validator) is
 * loaded only when there is a file to read: a first `ferry get` starts ~30 ms sooner.
 */
export async function openConfJobStore(dir: string, name: string, warn: Warn): Promise<JobStore> {
  const file = path.join(dir, `${name}.json`);
  removeUnfinishedWrites(dir, `${name}.json`);
  if (!fs.existsSync(file)) return new ConfJobStore({ path: file, store: {} }, warn);
  const { default: Conf } = await import('conf');
  const conf = openRecovering(
    () => new Conf<Record<string, unknown>>({ cwd: dir, configName: name, configFileMode: 0o600, clearInvalidConfig: false }),
    file,
    warn,
  );
  return new ConfJobStore(conf, warn);
}

/**
 * The temporary files (atomically's `<file>.tmp-<stamp>`) of writes a killed process never
 * finished. Called with the home's (or the job's) lock held, so no live write is among them.
 */
function removeUnfinishedWrites(dir: string, file: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (name.startsWith(`${file}.tmp-`)) fs.rmSync(path.join(dir, name), { force: true });
}

/** Secrets (credentials, Authorization/Cookie headers) in a 0600 JSON file beside the state. */
export class FileSecretStore implements SecretStore {
  private secrets: Record<string, TransferSecret> = {};
  private readonly file: string;

  constructor(file: string, warn: Warn) {
    this.file = file;
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      this.secrets = parsed as Record<string, TransferSecret>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        warn(`the credentials file could not be read (${(error as Error).message}); it was moved to ${moveAside(file)} and transfers that need credentials will ask the server without them`);
      }
    }
  }

  get(id: string): TransferSecret | undefined {
    return this.secrets[id];
  }

  set(id: string, secret: TransferSecret): void {
    this.write({ ...this.secrets, [id]: secret });
  }

  delete(id: string): void {
    if (!(id in this.secrets)) return;
    const rest = { ...this.secrets };
    delete rest[id];
    this.write(rest);
  }

  ids(): string[] {
    return Object.keys(this.secrets);
  }

  /** The new content is kept only once it is in the file (a full disk changes nothing). */
  private write(next: Record<string, TransferSecret>): void {
    try {
      writePrivateFile(this.file, JSON.stringify(next));
    } catch (error) {
      throw saveFailure(error, this.file);
    }
    this.secrets = next;
  }
}
