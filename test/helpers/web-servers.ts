// Debian's lighttpd and apache2, each started in the foreground with a config of our own on a free
// port of 127.0.0.1, serving `root`, with an access log of "uri range status bytes" lines.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface WebServer {
  name: string;
  port: number;
  url(p: string): string;
  /** What the access log holds so far (lighttpd writes it a little later). */
  accessLog(): Array<{ method: string; uri: string; range: string; status: number; bytes: number }>;
  stop(): Promise<void>;
}

export function findBinary(name: string): string | null {
  const dirs = [...(process.env['PATH'] ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Resolves once `child` accepts connections on 127.0.0.1:`port`; fails with its stderr if it exits or takes over `ms`. */
export async function untilListening(name: string, child: ChildProcess, port: number, stderr: () => string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited: ${stderr()}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) return;
    if (Date.now() > deadline) throw new Error(`${name} did not start: ${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs `binary args` until it accepts connections on `port`; the handle reads its access log. */
export async function runServer(name: string, binary: string, args: string[], port: number, log: string): Promise<WebServer> {
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await untilListening(name, child, port, () => stderr);
  return {
    name,
    port,
    url: (p) => `http://127.0.0.1:${port}${p}`,
    accessLog: () =>
      fs.existsSync(log)
        ? fs
            .readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((line) => {
              const m = /^(\S+) (\S+) "([^"]*)" (\d+) (\d+|-)$/.exec(line)!;
              return { method: m[1]!, uri: m[2]!, range: m[3] === '-' ? '' : m[3]!, status: Number(m[4]), bytes: m[5] === '-' ? 0 : Number(m[5]) };
            })
        : [],
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function need(name: string, pkg: string): string {
  const binary = findBinary(name);
  if (!binary) throw new Error(`${name} is not installed: apt-get install ${pkg} (the interop tests need it)`);
  return binary;
}

/** `dav`: WebDAV (mod_webdav, Debian's lighttpd-mod-webdav) on `root`/dav, writable. */
export async function startLighttpd(root: string, work: string, options: { dav?: boolean } = {}): Promise<WebServer> {
  const binary = need('lighttpd', 'lighttpd');
  const port = await freePort();
  const log = path.join(work, 'lighttpd-access.log');
  const conf = path.join(work, 'lighttpd.conf');
  fs.writeFileSync(
    conf,
    `server.document-root = "${root}"
server.port = ${port}
server.bind = "127.0.0.1"
server.errorlog = "${work}/lighttpd-error.log"
server.modules = ("mod_accesslog"${options.dav ? ', "mod_webdav"' : ''})
accesslog.filename = "${log}"
accesslog.format = "%m %U \\"%{Range}i\\" %>s %b"
mimetype.assign = ("" => "application/octet-stream")
${options.dav ? lighttpdDav(root) : ''}`,
  );
  return runServer('lighttpd', binary, ['-D', '-f', conf], port, log);
}

export interface ApacheOptions {
  /**
   * WebDAV (mod_dav) on `root`/dav, open to all, and on `root`/private behind Basic auth for this
   * user (its password kept as Apache's {SHA} hash, in `work`). The folders are made writable.
   */
  dav?: { user: string; password: string };
  /**
   * `root`/digest behind mod_auth_digest (MD5, qop=auth) for this user, with WebDAV so it takes PUTs;
   * the password kept as htdigest's hash, in `work`.
   */
  digest?: { user: string; password: string };
}

function lighttpdDav(root: string): string {
  if (!fs.existsSync('/usr/lib/lighttpd/mod_webdav.so')) throw new Error("lighttpd's WebDAV module is not installed: apt-get install lighttpd-mod-webdav (the interop tests need it)");
  fs.mkdirSync(path.join(root, 'dav'), { recursive: true });
  return `$HTTP["url"] =~ "^/dav/" {
  webdav.activate = "enable"
  webdav.is-readonly = "disable"
}
`;
}

/** apache2's workers run as nobody when started by root: `root` must be readable by others. */
export async function startApache(root: string, work: string, options: ApacheOptions = {}): Promise<WebServer> {
  const binary = need('apache2', 'apache2');
  const port = await freePort();
  const log = path.join(work, 'apache-access.log');
  const conf = path.join(work, 'apache.conf');
  const modules = '/usr/lib/apache2/modules';
  fs.writeFileSync(
    conf,
    `ServerRoot "${work}"
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile ${work}/apache.pid
DefaultRuntimeDir ${work}
LoadModule mpm_event_module ${modules}/mod_mpm_event.so
LoadModule authz_core_module ${modules}/mod_authz_core.so
${process.getuid?.() === 0 ? 'User nobody\nGroup nogroup' : ''}
DocumentRoot "${root}"
ErrorLog ${work}/apache-error.log
LogFormat "%m %U \\"%{Range}i\\" %>s %B" ferry
CustomLog ${log} ferry
<Directory "${root}">
  Require all granted
</Directory>
${options.dav ? davConfig(root, work, modules, options.dav) : ''}
${options.digest ? digestConfig(root, work, modules, options.digest) : ''}`,
  );
  return runServer('apache2', binary, ['-DFOREGROUND', '-f', conf], port, log);
}

/**
 * Folders under `root` the workers (nobody) write to, mod_dav's lock database (which they write
 * too: `work` only to pass through, the folder theirs), and the modules a login and WebDAV need.
 */
function writableDav(root: string, work: string, modules: string, folders: string[]): string {
  for (const folder of folders) {
    fs.mkdirSync(path.join(root, folder), { recursive: true });
    fs.chmodSync(path.join(root, folder), 0o777);
  }
  fs.chmodSync(work, 0o711);
  fs.mkdirSync(path.join(work, 'davlock'), { mode: 0o777 });
  fs.chmodSync(path.join(work, 'davlock'), 0o777);
  return `LoadModule dav_module ${modules}/mod_dav.so
LoadModule dav_fs_module ${modules}/mod_dav_fs.so
LoadModule authn_core_module ${modules}/mod_authn_core.so
LoadModule authn_file_module ${modules}/mod_authn_file.so
LoadModule authz_user_module ${modules}/mod_authz_user.so
DavLockDB ${work}/davlock/lockdb`;
}

function davConfig(root: string, work: string, modules: string, login: { user: string; password: string }): string {
  const hash = createHash('sha1').update(login.password).digest('base64');
  fs.writeFileSync(path.join(work, 'htpasswd'), `${login.user}:{SHA}${hash}\n`, { mode: 0o644 });
  return `${writableDav(root, work, modules, ['dav', 'private'])}
LoadModule auth_basic_module ${modules}/mod_auth_basic.so
<Directory "${root}/dav">
  Dav On
</Directory>
<Directory "${root}/private">
  Dav On
  AuthType Basic
  AuthName "ferry-test"
  AuthUserFile ${work}/htpasswd
  Require valid-user
</Directory>
`;
}

/** The realm of the Digest folder (htdigest hashes the password with it). */
export const APACHE_DIGEST_REALM = 'ferry-digest';

/** Not with `dav` in the same server: the modules would load twice. */
function digestConfig(root: string, work: string, modules: string, login: { user: string; password: string }): string {
  const ha1 = createHash('md5').update(`${login.user}:${APACHE_DIGEST_REALM}:${login.password}`).digest('hex');
  fs.writeFileSync(path.join(work, 'htdigest'), `${login.user}:${APACHE_DIGEST_REALM}:${ha1}\n`, { mode: 0o644 });
  return `${writableDav(root, work, modules, ['digest'])}
LoadModule auth_digest_module ${modules}/mod_auth_digest.so
<Directory "${root}/digest">
  Dav On
  AuthType Digest
  AuthName "${APACHE_DIGEST_REALM}"
  AuthDigestProvider file
  AuthUserFile ${work}/htdigest
  Require valid-user
</Directory>
`;
}
