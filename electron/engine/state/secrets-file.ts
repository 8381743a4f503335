// The secrets file (secrets.json, 0600): every transfer's credentials and secret headers, by id.
// Kept in memory and written behind like the state (write-behind.ts): 150 adds with large headers
// once rewrote the whole file synchronously on each, stalling every other call for seconds.
// Entries are checked when read, as the state's records are: one of the wrong shape is set aside
// with a message instead of failing its transfer later with a library's words.
import { saveFailure, type SecretStore, type Warn } from './store.ts';
import { TransferSecretSchema, type TransferSecret } from './records.ts';
import { readOrSetAside, writeAtomically, writeSideFile } from './json-file.ts';
import { WriteBehind } from './write-behind.ts';

/** How a host keeps a secret in the file: as it is (the daemon) or encrypted (the desktop app). */
export interface SecretCodec {
  /** Whether an entry read from the file has the form `encode` writes (checked at start). */
  readable(stored: unknown): boolean;
  /** The entry to keep; throws when the secret cannot be kept (no encryption). */
  encode(secret: TransferSecret): unknown;
  /** The secret of a readable entry, or undefined (said with `warn`) when it cannot be used. */
  decode(stored: unknown, id: string): TransferSecret | undefined;
}

/** The daemon's: the file is 0600 in a 0700 home, and the secrets are kept as they are. */
export const plainSecrets: SecretCodec = {
  readable: (stored) => TransferSecretSchema.safeParse(stored).success,
  encode: (secret) => secret,
  decode: (stored) => stored as TransferSecret,
};

export class FileSecretStore implements SecretStore {
  private readonly entries = new Map<string, unknown>();
  private readonly writer: WriteBehind<Record<string, unknown>>;
  private readonly codec: SecretCodec;
  private readonly file: string;

  constructor(file: string, warn: Warn, codec: SecretCodec = plainSecrets) {
    this.file = file;
    this.codec = codec;
    this.writer = new WriteBehind(
      (json) => writeAtomically(file, json),
      warn,
      (error) => saveFailure(error, file, "Ferry's credentials"),
      "Ferry's credentials are saved again",
    );
    const raw = readOrSetAside(file, (problem, movedTo) => {
      warn(`the credentials file ${file} ${problem}; it was moved to ${movedTo} and transfers that need credentials will ask the server without them`);
    });
    const unreadable: Record<string, unknown> = {};
    for (const [id, stored] of Object.entries(raw ?? {})) {
      if (codec.readable(stored)) this.entries.set(id, stored);
      else unreadable[id] = stored;
    }
    const count = Object.keys(unreadable).length;
    if (count > 0) {
      const side = `${file}.rejected-${Date.now()}.json`;
      writeSideFile(side, unreadable);
      warn(`${count} entr${count === 1 ? 'y' : 'ies'} in the credentials file ${file} did not have the shape Ferry writes and ${count === 1 ? 'was' : 'were'} moved to ${side}; ${count === 1 ? 'its transfer asks' : 'their transfers ask'} the server without credentials`);
      this.queueWrite();
    }
  }

  get(id: string): TransferSecret | undefined {
    const stored = this.entries.get(id);
    return stored === undefined ? undefined : this.codec.decode(stored, id);
  }

  set(id: string, secret: TransferSecret): void {
    this.entries.set(id, this.codec.encode(secret));
    this.queueWrite();
  }

  delete(id: string): void {
    if (this.entries.delete(id)) this.queueWrite();
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  setAside(ids: readonly string[] | null, file: string): number {
    const moving = (ids ?? this.ids()).filter((id) => this.entries.has(id));
    if (moving.length === 0) return 0;
    writeSideFile(file, Object.fromEntries(moving.map((id) => [id, this.entries.get(id)])));
    for (const id of moving) this.entries.delete(id);
    this.queueWrite();
    return moving.length;
  }

  /** The whole map, built when written: a burst of adds is one write. */
  private queueWrite(): void {
    this.writer.queue(() => Object.fromEntries(this.entries));
  }

  /** Where the secrets are kept (for messages). */
  get path(): string {
    return this.file;
  }
}
