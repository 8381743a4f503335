// Secrets on the command line. Every local user can read a process's arguments (/proc/PID/cmdline,
// ps), so the ones Ferry was given are blanked at start, as curl does; and there are ways to give
// them that never put them there: `--user NAME` alone asks for the password on the terminal,
// `--header @FILE` reads headers from a file, and FERRY_USER holds NAME:PASSWORD.
import fs from 'node:fs';
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

/**
 * Rewrites what the process list shows for this process when the arguments hold a secret (Node
 * writes process.title over the original argument memory on Linux and macOS).
 */
export function hideSecretArgs(argv: string[]): void {
  if (process.platform === 'win32') return; // it would only change the console's title there
  const args = argv.slice(2);
  const shown = redactArgs(args);
  if (shown.some((value, i) => value !== args[i])) process.title = ['ferry', ...shown].join(' ');
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

/**
 * Fills in the secrets given without putting them on the command line: `--header @FILE`,
 * `--user NAME` (asks for the password), and FERRY_USER when --user is not given.
 */
export async function resolveSecretFlags<F extends { header?: string[]; user?: string }>(flags: F, sources: SecretSources): Promise<F> {
  const resolved = { ...flags };
  if (flags.header) resolved.header = flags.header.flatMap((h) => (h.startsWith('@') ? headersFromFile(h.slice(1)) : [h]));
  const user = flags.user ?? sources.env['FERRY_USER'];
  if (user !== undefined && !user.includes(':')) {
    if (!user) throw invalid('--user needs a name (and a password: NAME:PASSWORD, or NAME alone to be asked for it)');
    const password = await sources.askPassword(`Password for ${user}: `);
    if (password === null) {
      throw invalid(`--user ${user} needs its password: run on a terminal to be asked for it, or set FERRY_USER=${user}:PASSWORD in the environment`);
    }
    resolved.user = `${user}:${password}`;
  } else if (user !== undefined) {
    resolved.user = user;
  }
  return resolved;
}
