// Secrets on the command line. Every local user can read a process's arguments (/proc/PID/cmdline,
// ps), so the ones Ferry was given are blanked at start, as curl does; and there are ways to give
// them that never put them there: `--user NAME` alone asks for the password on the terminal,
// `--header @FILE` reads headers from a file, and FERRY_USER holds NAME:PASSWORD.
import fs from 'node:fs';
import path from 'node:path';
import { isHarmlessHeader } from '../../shared/secret-headers.ts';
import { RemoteError } from '../../shared/api-proxy.ts';
import { hideUrlPassword } from '../../shared/url-password.ts';

const HIDDEN = '***';
const CREDENTIAL_OPTIONS = new Set(['--user', '--proxy-user']);
const SECRET_OPTIONS = new Set(['--cookie']);

function hideCredential(value: string): string {
  const colon = value.indexOf(':');
  return colon < 0 ? value : `${value.slice(0, colon)}:${HIDDEN}`;
}

function hideHeader(value: string): string {
  if (value.startsWith('@')) return value;
  const colon = value.indexOf(':');
  return colon > 0 && !isHarmlessHeader(value.slice(0, colon)) ? `${value.slice(0, colon)}: ${HIDDEN}` : value;
}

function hideValue(option: string, value: string): string {
  if (CREDENTIAL_OPTIONS.has(option)) return hideCredential(value);
  if (SECRET_OPTIONS.has(option)) return HIDDEN;
  if (option === '--header') return hideHeader(value);
  return hideUrlPassword(value);
}

/** The arguments as others may see them: credentials, secret headers, cookies and URL passwords blanked. */
export function redactArgs(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const option = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (option !== arg) {
      out.push(`${option}=${hideValue(option, arg.slice(eq + 1))}`);
    } else if ((CREDENTIAL_OPTIONS.has(arg) || SECRET_OPTIONS.has(arg) || arg === '--header') && i + 1 < args.length) {
      out.push(arg, hideValue(arg, args[++i]!));
    } else {
      out.push(hideUrlPassword(arg));
    }
  }
  return out;
}

/** The arguments that hold a secret (those redactArgs changes), as typed: an option's value alone. */
function secretArgs(args: string[]): string[] {
  const shown = redactArgs(args);
  return args.filter((arg, i) => arg !== shown[i]).map((arg) => (arg.startsWith('--') && arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : arg));
}

/**
 * Rewrites what the process list shows for this process when the arguments hold a secret (Node
 * writes process.title over the original argument memory on Linux and macOS).
 */
export function hideSecretArgs(argv: string[]): void {
  if (process.platform === 'win32') return; // it would only change the console's title there
  const args = argv.slice(2);
  if (secretArgs(args).length > 0) process.title = ['ferry', ...redactArgs(args)].join(' ');
}

/** npm says so in the environment of what npx (npm exec) runs, and of everything that starts. */
const underNpx = (env: NodeJS.ProcessEnv): boolean => env['npm_command'] === 'exec' || env['npm_lifecycle_event'] === 'npx';

/** How far up the process tree to look: npx is npm exec, then sh -c, then Ferry. */
const ANCESTORS = 4;

/**
 * The program (its name only) of the nearest parent process whose command line still shows a
 * secret Ferry was given on its own: npx and `npm exec` pass the arguments to a shell, and both
 * keep them in the process list for the whole run. Read from /proc on Linux, which says exactly
 * that; elsewhere npm's environment says only that npx started Ferry. Null when none shows one.
 */
export function parentShowingSecrets(argv: string[], env: NodeJS.ProcessEnv = process.env, proc = '/proc'): string | null {
  const secrets = secretArgs(argv.slice(2));
  if (secrets.length === 0) return null;
  if (!fs.existsSync(`${proc}/self/cmdline`)) return underNpx(env) ? 'npm exec' : null;
  let pid = process.ppid;
  for (let depth = 0; depth < ANCESTORS && pid > 1; depth++) {
    let words: string[];
    let stat: string;
    try {
      words = fs.readFileSync(`${proc}/${pid}/cmdline`, 'utf8').split('\0');
      stat = fs.readFileSync(`${proc}/${pid}/stat`, 'utf8');
    } catch {
      return null; // gone, or not ours to read
    }
    const line = words.join(' ');
    if (secrets.some((secret) => line.includes(secret))) return `${path.basename(words[0] ?? '?')}${underNpx(env) && depth === 0 ? ', run by npx' : ''}`;
    // "pid (name) state ppid ...": the name may hold spaces and parentheses, so read after the last ")".
    pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  }
  return null;
}

/** The warning when a parent process shows a secret (see parentShowingSecrets). */
export function secretsShownByParent(program: string): string {
  return `ferry: warning: a secret given on this command line stays visible to every user of this machine, in the process list, as part of the command of "${program}" that started Ferry, for as long as it runs (Ferry can hide it only from its own). Install Ferry so that "ferry" is on your PATH (npm install -g, or npm link in its folder) instead of running it through npx, and give secrets with --user NAME (asks for the password), --header @FILE, or FERRY_USER=NAME:PASSWORD in the environment`;
}

function invalid(message: string): RemoteError {
  return new RemoteError({ status: 'InvalidArgument', message, httpStatus: null });
}

/** `--header @FILE`: one "Name: value" per line; blank lines and # comments skipped. */
export function headersFromFile(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new RemoteError({ status: 'FileAccessDenied', message: `--header @${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, httpStatus: null });
  }
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (lines.length === 0) throw invalid(`--header @${file}: the file holds no "Name: value" line`);
  return lines;
}

export interface SecretSources {
  env: NodeJS.ProcessEnv;
  /** Asks for a password without echo; null when there is no terminal to ask on. */
  askPassword(prompt: string): Promise<string | null>;
}

/** A credential flag's NAME:PASSWORD: as given, from its variable, or NAME alone with the password asked for. */
async function credentialFlag(flag: string, variable: string, given: string | undefined, sources: SecretSources): Promise<string | undefined> {
  const user = given ?? sources.env[variable];
  if (user === undefined || user.includes(':')) return user;
  if (!user) throw invalid(`${flag} needs a name (and a password: NAME:PASSWORD, or NAME alone to be asked for it)`);
  const password = await sources.askPassword(`${flag === '--user' ? 'Password' : 'Proxy password'} for ${user}: `);
  if (password === null) {
    throw invalid(`${flag} ${user} needs its password: run on a terminal to be asked for it, or set ${variable}=${user}:PASSWORD in the environment`);
  }
  return `${user}:${password}`;
}

/**
 * Fills in the secrets given without putting them on the command line: `--header @FILE`,
 * `--user NAME` and `--proxy-user NAME` (ask for the password), and FERRY_USER and
 * FERRY_PROXY_USER when those are not given.
 */
export async function resolveSecretFlags<F extends { header?: string[]; user?: string; proxyUser?: string }>(flags: F, sources: SecretSources): Promise<F> {
  const resolved = { ...flags };
  if (flags.header) resolved.header = flags.header.flatMap((h) => (h.startsWith('@') ? headersFromFile(h.slice(1)) : [h]));
  const user = await credentialFlag('--user', 'FERRY_USER', flags.user, sources);
  if (user !== undefined) resolved.user = user;
  const proxyUser = await credentialFlag('--proxy-user', 'FERRY_PROXY_USER', flags.proxyUser, sources);
  if (proxyUser !== undefined) resolved.proxyUser = proxyUser;
  return resolved;
}
