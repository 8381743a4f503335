// The transfer options of `ferry get`, `ferry add` and `ferry upload`, and the requests they make.
import type { Command } from 'commander';
import { parseRate } from '../../shared/rate.ts';
import { parseStartTime } from '../../shared/schedule-text.ts';
import { COOKIE_JAR_MAX_CHARS, MAX_CONNECTIONS } from '../../shared/model.ts';
import fs from 'node:fs';
import path from 'node:path';
import type { DownloadRequest, UploadRequest } from '../../shared/schemas.ts';
import { planUploads } from '../../shared/upload-plan.ts';
import { RemoteError } from '../../shared/api-proxy.ts';
import { resolveSecretFlags } from './secret-args.ts';
import { askPassword } from './password-prompt.ts';

export interface TransferFlags {
  output?: string;
  dir?: string;
  header?: string[];
  user?: string;
  cookie?: string;
  cookieJar?: string;
  costPolicy?: string;
  priority?: string;
  connections?: string;
  checksum?: string;
  group?: string;
  proxy?: string;
  proxyUser?: string;
  limitRate?: string;
  at?: string;
  mirror?: string[];
  json?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** What every transfer command takes: headers, credentials, policy, priority, group, JSON. */
function addCommonOptions(command: Command): Command {
  return command
    .option('--header <header>', 'extra request header "Name: value" (repeatable; at most 16 KiB, 64 KiB in all), or @FILE with one per line, which keeps secret ones out of the process list', collect)
    .option('--user <user[:password]>', 'server credential; NAME alone asks for the password, or set FERRY_USER=NAME:PASSWORD (a password here shows in the process list of whatever started ferry, e.g. npx); stored 0600/encrypted, never shown')
    .option('--cookie <cookie>', 'Cookie header value (or a "Cookie:" line in --header @FILE, off the command line)')
    .option('--cookie-jar <file>', 'cookies from a Netscape cookies.txt (as curl -b FILE and wget --load-cookies read it), sent where their domains allow; the cookies the servers set are kept with the transfer (stored 0600/encrypted, never shown)')
    .option('--cost-policy <policy>', 'default | unrestricted-only | always')
    .option('--priority <priority>', 'default | high')
    .option('--group <name>', 'put the transfer in this group')
    .option('--proxy <url>', 'this transfer through this proxy: http://, https://, socks5:// or socks5h:// (the proxy resolves names) HOST:PORT; "none" goes direct (default: the proxy setting, else HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY)')
    .option('--proxy-user <user[:password]>', 'the proxy\'s credential (Basic or Digest, or SOCKS5); NAME alone asks for the password, or set FERRY_PROXY_USER=NAME:PASSWORD; stored 0600/encrypted, never shown')
    .option('--limit-rate <rate>', 'this transfer at most this fast, e.g. 500k or 5M (bytes per second, SI units; 5MiB for binary); change it later with ferry limit')
    .option('--at <time>', 'start it then, not before: HH:MM (the next one), "YYYY-MM-DD HH:MM", or +90m / +2h; until then it is scheduled (ferry start-now starts it)')
    .option('--json', 'print JSON, one object per line');
}

export function addTransferOptions(command: Command): Command {
  return addCommonOptions(
    command
      .option('-o, --output <file>', 'save to this file (replaced when the download completes)')
      .option('-d, --dir <dir>', 'save into this folder, named by the server or the URL')
      .option('--connections <n>', `connections per download, 1 to ${MAX_CONNECTIONS} (default: as many as help)`)
      .option('--checksum <algo:hex>', 'verify the finished file (sha256, sha512, sha1 or md5)')
      .option('--mirror <url>', 'another address of the same file (repeatable), tried in order when the one in use fails; the bytes on disk are kept only where it provably serves the same file (the same validator, or the same size with --checksum), else it starts over and says so', collect),
  );
}

export interface UploadFlags extends TransferFlags {
  to?: string;
  method?: string;
  multipart?: boolean;
  tus?: boolean;
  field?: string[];
  formName?: string;
  contentType?: string;
  daemon?: boolean;
}

export function addUploadOptions(command: Command): Command {
  return addCommonOptions(
    command
      .requiredOption('--to <url>', 'where to upload; a URL ending in / gets each file\'s name appended (PUT)')
      .option('--method <method>', 'PUT (default for a plain upload) or POST (default for --multipart)')
      .option('--multipart', 'send the files (and --field values) as one multipart/form-data request')
      .option('--field <name=value>', 'a form field of the multipart request (repeatable)', collect)
      .option('--form-name <name>', 'the form field the files go in (multipart; default "file")')
      .option('--content-type <type>', 'the files\' content type (default: from each name)')
      .option('--tus', 'resumable upload with tus 1.0: --to is the tus endpoint; continues after a pause or a restart')
      .option('--daemon', 'queue the upload in the running daemon and print its id, instead of sending it in the foreground'),
  );
}

/** The request the flags describe, with the secrets given off the command line filled in. */
export async function requestFromFlags(url: string, flags: TransferFlags): Promise<DownloadRequest> {
  return toDownloadRequest(url, await resolveSecretFlags(flags, { env: process.env, askPassword: (prompt) => askPassword(prompt) }));
}

function invalid(message: string): RemoteError {
  return new RemoteError({ status: 'InvalidArgument', message, httpStatus: null });
}

type CommonParts = Pick<DownloadRequest & UploadRequest, 'headers' | 'credential' | 'cookie' | 'cookieJar' | 'proxy' | 'proxyCredential' | 'costPolicy' | 'priority' | 'group' | 'limitBytesPerSec' | 'startAt'>;

/** The parts every kind of request shares; options the engine does not honour yet are refused. */
function commonParts(flags: TransferFlags): CommonParts {
  const request: CommonParts = {};
  if (flags.header?.length) {
    request.headers = {};
    for (const header of flags.header) {
      const colon = header.indexOf(':');
      if (colon <= 0) throw invalid(`--header must look like "Name: value", got ${JSON.stringify(header)}`);
      request.headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
    }
  }
  if (flags.user) {
    if (!flags.user.includes(':')) throw invalid('--user must look like user:password (resolveSecretFlags asks for the password)');
    request.credential = flags.user;
  }
  if (flags.cookie) request.cookie = flags.cookie;
  if (flags.cookieJar !== undefined) request.cookieJar = readCookieJar(flags.cookieJar);
  if (flags.proxy !== undefined) request.proxy = flags.proxy;
  if (flags.proxyUser !== undefined) {
    if (!flags.proxyUser.includes(':')) throw invalid('--proxy-user must look like user:password (resolveSecretFlags asks for the password)');
    request.proxyCredential = flags.proxyUser;
  }
  if (flags.costPolicy) {
    const map: Record<string, DownloadRequest['costPolicy']> = { default: 'default', 'unrestricted-only': 'unrestrictedOnly', always: 'always' };
    const policy = map[flags.costPolicy];
    if (!policy) throw invalid(`--cost-policy must be default, unrestricted-only or always, not ${flags.costPolicy}`);
    request.costPolicy = policy;
  }
  if (flags.priority) {
    if (flags.priority !== 'default' && flags.priority !== 'high') throw invalid(`--priority must be default or high, not ${flags.priority}`);
    request.priority = flags.priority;
  }
  if (flags.group) request.group = flags.group;
  if (flags.limitRate !== undefined) request.limitBytesPerSec = rateFlag('--limit-rate', flags.limitRate);
  if (flags.at !== undefined) {
    const at = parseStartTime(flags.at, Date.now());
    if (typeof at !== 'number') throw invalid(`--at: ${at.problem}`);
    request.startAt = at;
  }
  return request;
}

/** The text of the cookies.txt `--cookie-jar` names (its lines are checked where the request is taken in). */
function readCookieJar(file: string): string {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw invalid(`--cookie-jar: ${file} is a folder, not a cookies.txt file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof RemoteError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw invalid(`--cookie-jar: ${file} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (error as Error).message})`}`);
  }
  if (size > COOKIE_JAR_MAX_CHARS) throw invalid(`--cookie-jar: ${file} is larger than a cookies.txt can be here (${COOKIE_JAR_MAX_CHARS / 1024 / 1024} MiB)`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw invalid(`--cookie-jar: ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** A speed given on the command line, in bytes per second (0: none). */
export function rateFlag(flag: string, text: string): number {
  const rate = parseRate(text);
  if (rate === null) throw invalid(`${flag} must be a speed such as 500k, 5M or 5MiB (bytes per second), or 0 for none; got ${JSON.stringify(text)}`);
  return rate;
}

export function toDownloadRequest(url: string, flags: TransferFlags): DownloadRequest {
  const request: DownloadRequest = { url, ...commonParts(flags) };
  if (flags.output) request.path = flags.output;
  if (flags.dir) request.dir = flags.dir;
  if (flags.connections) {
    const n = Number(flags.connections);
    if (!Number.isInteger(n) || n < 1 || n > MAX_CONNECTIONS) throw invalid(`--connections must be a whole number from 1 to ${MAX_CONNECTIONS}`);
    request.connections = n;
  }
  if (flags.checksum) request.checksum = flags.checksum;
  if (flags.mirror?.length) request.mirrors = flags.mirror;
  return request;
}

/** What a list of URLs allows: -o and --mirror are each about one file. */
export function checkUrlCount(count: number, flags: TransferFlags): void {
  if (flags.output && count > 1) throw invalid('-o names one file; with several URLs use -d DIR');
  if (flags.mirror?.length && count > 1) throw invalid('--mirror gives other addresses of one file; give one URL with it');
}

/** The uploads `ferry upload FILE... --to URL` asks for the secrets given off the command line filled in. */
export async function uploadRequestsFromFlags(files: string[], flags: UploadFlags): Promise<UploadRequest[]> {
  return toUploadRequests(files, await resolveSecretFlags(flags, { env: process.env, askPassword: (prompt) => askPassword(prompt) }));
}

/** The uploads the flags describe (see shared/upload-plan.ts for how files become uploads). */
export function toUploadRequests(files: string[], flags: UploadFlags): UploadRequest[] {
  const to = flags.to ?? '';
  const common = commonParts(flags);
  if (flags.tus && flags.multipart) throw invalid('--tus and --multipart do not go together: a tus upload sends one file');
  const method = flags.method?.toUpperCase();
  if (method !== undefined && method !== 'PUT' && method !== 'POST') throw invalid(`--method must be PUT or POST, not ${flags.method}`);
  if (flags.tus && method) throw invalid('a tus upload chooses its own methods; leave --method out');
  const fields = (flags.field ?? []).map((field) => {
    const eq = field.indexOf('=');
    if (eq <= 0) throw invalid(`--field must look like name=value, got ${JSON.stringify(field)}`);
    return { name: field.slice(0, eq), value: field.slice(eq + 1) };
  });
  if (fields.length > 0 && !flags.multipart) throw invalid('--field needs --multipart');
  if (flags.formName && !flags.multipart) throw invalid('--form-name needs --multipart');
  const file = (p: string) => ({ path: p, baseName: path.basename(p), ...(flags.formName ? { field: flags.formName } : {}), ...(flags.contentType ? { contentType: flags.contentType } : {}) });
  const protocol = flags.multipart ? 'multipart' : flags.tus ? 'tus' : 'raw';
  const plan = planUploads(to, protocol, files.map(file), { ...common, ...(method ? { method: method as 'PUT' | 'POST' } : {}), ...(fields.length ? { fields } : {}) });
  if (typeof plan === 'string') throw invalid(`${plan} (--multipart)`);
  return plan;
}
