// The aria2 RPC's secret in the daemon's home: `aria2-rpc-secret`, 0600 like the token, apart from
// the settings (state.json) so that no listing of them shows it. `ferry config set aria2Rpc.secret`
// takes it from the terminal, a file or the environment, never from its own arguments.
import fs from 'node:fs';
import path from 'node:path';
import { RemoteError } from '../../shared/api-proxy.ts';
import { writePrivateFile } from './home.ts';
import { askPassword } from './password-prompt.ts';

export const ARIA2_SECRET_KEY = 'aria2Rpc.secret';
export const ARIA2_SECRET_ENV = 'FERRY_ARIA2_SECRET';

export function aria2SecretPath(home: string): string {
  return path.join(home, 'aria2-rpc-secret');
}

/** Where the desktop app keeps it in its home: encrypted with the system's keyring (electron/main/desktop-aria2-secret.ts). */
export function aria2SealedSecretPath(home: string): string {
  return path.join(home, 'aria2-rpc-secret.enc');
}

/** Whether a secret is set in the home, as the daemon keeps it or as the desktop app does (without reading it). */
export function aria2SecretIsSet(home: string): boolean {
  return aria2SecretReader(home)() !== null || nonEmpty(aria2SealedSecretPath(home));
}

function nonEmpty(file: string): boolean {
  try {
    return fs.statSync(file).size > 0;
  } catch {
    return false;
  }
}

export function writeAria2Secret(home: string, secret: string): void {
  writePrivateFile(aria2SecretPath(home), `${secret}\n`);
}

/** The secret as it is now: read again only when the file changed (it may be set while the RPC runs). */
export function aria2SecretReader(home: string): () => string | null {
  const file = aria2SecretPath(home);
  let cached: { stamp: string; secret: string | null } | null = null;
  return () => {
    try {
      const stat = fs.statSync(file);
      const stamp = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
      if (cached?.stamp !== stamp) cached = { stamp, secret: fs.readFileSync(file, 'utf8').trim() || null };
      return cached.secret;
    } catch {
      return null;
    }
  };
}

const invalid = (message: string): RemoteError => new RemoteError({ status: 'InvalidArgument', message, httpStatus: null });

/** The secret `ferry config set aria2Rpc.secret [@FILE]` was given: from a file, the environment or the terminal. */
export async function aria2SecretFromUser(value: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  let secret: string | null;
  if (value === undefined) secret = env[ARIA2_SECRET_ENV] ?? (await askPassword('aria2 RPC secret: '));
  else if (value.startsWith('@')) secret = readSecretFile(value.slice(1));
  else throw invalid(`${ARIA2_SECRET_KEY} is not taken from the command line, where every user of this machine can read it: leave the value out to type it, give @FILE, or set ${ARIA2_SECRET_ENV}`);
  if (secret === null) throw invalid(`no terminal to ask for ${ARIA2_SECRET_KEY} on: give @FILE, or set ${ARIA2_SECRET_ENV}`);
  secret = secret.trim();
  if (secret.length < 8 || secret.length > 1024 || /\s/.test(secret)) throw invalid(`${ARIA2_SECRET_KEY} must be 8 to 1024 characters without spaces`);
  return secret;
}

function readSecretFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw invalid(`cannot read ${ARIA2_SECRET_KEY} from ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
