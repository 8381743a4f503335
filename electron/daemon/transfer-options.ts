// The transfer options shared by `ferry get`, `ferry add` (and later `ferry upload`).
import type { Command } from 'commander';
import type { DownloadRequest } from '../../shared/schemas.ts';
import { RemoteError } from '../../shared/api-proxy.ts';
import { resolveSecretFlags } from './secret-args.ts';
import { askPassword } from './password-prompt.ts';

export interface TransferFlags {
  output?: string;
  dir?: string;
  header?: string[];
  user?: string;
  cookie?: string;
  costPolicy?: string;
  priority?: string;
  connections?: string;
  checksum?: string;
  group?: string;
  proxy?: string;
  proxyUser?: string;
  limitRate?: string;
  mirror?: string[];
  json?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function addTransferOptions(command: Command): Command {
  return command
    .option('-o, --output <file>', 'save to this file (replaced when the download completes)')
    .option('-d, --dir <dir>', 'save into this folder, named by the server or the URL')
    .option('--header <header>', 'extra request header "Name: value" (repeatable), or @FILE with one per line', collect)
    .option('--user <user[:password]>', 'server credential; NAME alone asks for the password (or set FERRY_USER); stored 0600/encrypted, never shown')
    .option('--cookie <cookie>', 'Cookie header value')
    .option('--cost-policy <policy>', 'default | unrestricted-only | always')
    .option('--priority <priority>', 'default | high')
    .option('--connections <n>', 'connections per download (only 1 for now)')
    .option('--checksum <sha256:hex>', 'verify the finished file')
    .option('--group <name>', 'put the transfer in this group')
    .option('--proxy <url>', 'proxy (not supported yet)')
    .option('--proxy-user <user:password>', 'proxy credential (not supported yet)')
    .option('--limit-rate <rate>', 'speed limit such as 5M (not supported yet)')
    .option('--mirror <url>', 'another URL of the same file (not supported yet)', collect)
    .option('--json', 'print JSON, one object per line');
}

/** The request the flags describe, with the secrets given off the command line filled in. */
export async function requestFromFlags(url: string, flags: TransferFlags): Promise<DownloadRequest> {
  return toDownloadRequest(url, await resolveSecretFlags(flags, { env: process.env, askPassword: (prompt) => askPassword(prompt) }));
}

function invalid(message: string): RemoteError {
  return new RemoteError({ status: 'InvalidArgument', message, httpStatus: null });
}

export function toDownloadRequest(url: string, flags: TransferFlags): DownloadRequest {
  for (const [flag, value] of [
    ['--proxy', flags.proxy],
    ['--proxy-user', flags.proxyUser],
    ['--limit-rate', flags.limitRate],
    ['--mirror', flags.mirror],
  ] as const) {
    if (value !== undefined) throw invalid(`${flag} is not supported yet`);
  }
  const request: DownloadRequest = { url };
  if (flags.output) request.path = flags.output;
  if (flags.dir) request.dir = flags.dir;
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
  if (flags.connections) {
    const n = Number(flags.connections);
    if (!Number.isInteger(n) || n < 1 || n > 16) throw invalid('--connections must be a whole number from 1 to 16');
    request.connections = n;
  }
  if (flags.checksum) request.checksum = flags.checksum;
  if (flags.group) request.group = flags.group;
  return request;
}
