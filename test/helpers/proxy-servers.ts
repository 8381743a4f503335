// Debian's proxies, started in the foreground with a config of our own on a free port of
// 127.0.0.1: squid (HTTP, Basic auth through its basic_ncsa_auth helper) and microsocks (SOCKS5
// with a user and password).
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { findBinary, freePort, untilListening } from './web-servers.ts';

export interface ProxyProcess {
  port: number;
  /** The proxy's URL, with `login` in it when given. */
  url(login?: { username: string; password: string }): string;
  /** squid: its access log, "METHOD URL STATUS" a line; microsocks: its lines "client[N] IP: connected to HOST:PORT" (on stderr). */
  accessLog(): string[];
  stop(): Promise<void>;
}

function need(name: string, pkg: string): string {
  const binary = findBinary(name);
  if (!binary) throw new Error(`${name} is not installed: apt-get install ${pkg} (the interop tests need it)`);
  return binary;
}

function run(name: string, binary: string, args: string[], port: number, scheme: string, log: string | null): Promise<ProxyProcess> {
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return untilListening(name, child, port, () => stderr, 15_000).then(() => ({
    port,
    url: (login) => `${scheme}://${login ? `${encodeURIComponent(login.username)}:${encodeURIComponent(login.password)}@` : ''}127.0.0.1:${port}`,
    accessLog: () => (log ? (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '') : stderr).trim().split('\n').filter(Boolean),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  }));
}

/**
 * squid on a free port, letting through only `login` (Basic; with `digest`, Digest MD5 through its
 * digest_file_auth helper, the password kept as its HA1). `work` (a folder of its own) is made
 * writable by squid's user (proxy) and its parent passable, as for apache2's workers.
 */
export async function startSquid(work: string, login: { username: string; password: string }, options: { digest?: boolean } = {}): Promise<ProxyProcess> {
  const binary = need('squid', 'squid');
  const port = await freePort();
  // squid drops to the user "proxy" when started by root: it writes its logs in `work`.
  fs.chmodSync(path.dirname(work), 0o711);
  fs.chmodSync(work, 0o777);
  const realm = 'ferry-test';
  const hash = options.digest
    ? `${realm}:${createHash('md5').update(`${login.username}:${realm}:${login.password}`).digest('hex')}`
    : execFileSync('openssl', ['passwd', '-apr1', '-stdin'], { input: login.password }).toString().trim();
  fs.writeFileSync(path.join(work, 'passwd'), `${login.username}:${hash}\n`, { mode: 0o644 });
  const auth = options.digest
    ? `auth_param digest program /usr/lib/squid/digest_file_auth -c ${work}/passwd\nauth_param digest realm ${realm}`
    : `auth_param basic program /usr/lib/squid/basic_ncsa_auth ${work}/passwd\nauth_param basic realm ${realm}`;
  const log = path.join(work, 'access.log');
  const conf = path.join(work, 'squid.conf');
  fs.writeFileSync(
    conf,
    `http_port 127.0.0.1:${port}
pid_filename ${work}/squid.pid
cache deny all
cache_mem 8 MB
logformat ferry %rm %ru %>Hs
access_log stdio:${log} ferry
cache_log ${work}/cache.log
cache_store_log none
coredump_dir ${work}
${auth}
acl login proxy_auth REQUIRED
http_access allow login
http_access deny all
${process.getuid?.() === 0 ? 'cache_effective_user proxy' : ''}
shutdown_lifetime 0 seconds
`,
  );
  return run('squid', binary, ['-N', '-f', conf], port, 'http', log);
}

/** microsocks (SOCKS5) on a free port, asking for `login`. */
export async function startMicrosocks(login: { username: string; password: string }): Promise<ProxyProcess> {
  const binary = need('microsocks', 'microsocks');
  const port = await freePort();
  return run('microsocks', binary, ['-i', '127.0.0.1', '-p', String(port), '-u', login.username, '-P', login.password], port, 'socks5', null);
}
