// Debian's vsftpd in the foreground with a config of our own on a free port of 127.0.0.1:
// anonymous, read-only, serving `root`, passive ports from a block of its own, optionally explicit
// TLS (AUTH TLS) and a limit of connections per address (421 beyond it). Its protocol log (every
// command and reply) is read back by the tests.
import fs from 'node:fs';
import path from 'node:path';
import { findBinary, freePort, runServer } from './web-servers.ts';

export interface Vsftpd {
  port: number;
  url(file: string): string;
  /** The commands clients sent, in order ("RETR big.bin", "REST 1048576"). */
  commands(): string[];
  /** The replies it sent, in order ("421 There are too many connections..."). */
  replies(): string[];
  stop(): Promise<void>;
}

export interface VsftpdOptions {
  /** At most this many connections from one address (vsftpd's max_per_ip). */
  maxPerIp?: number;
  tls?: { certFile: string; keyFile: string };
  /** Serve each connection at most this fast (bytes per second; vsftpd's anon_max_rate). */
  rate?: number;
}

export async function startVsftpd(root: string, work: string, options: VsftpdOptions = {}): Promise<Vsftpd> {
  const binary = findBinary('vsftpd');
  if (!binary) throw new Error('vsftpd is not installed: apt-get install vsftpd (the interop tests need it)');
  const port = await freePort();
  const pasvMin = 30_000 + Math.floor(Math.random() * 300) * 100;
  const name = `vsftpd-${port}`;
  const empty = path.join(work, `${name}-empty`);
  fs.mkdirSync(empty, { recursive: true });
  const log = path.join(work, `${name}.log`);
  const conf = path.join(work, `${name}.conf`);
  fs.writeFileSync(
    conf,
    `listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=${port}
background=NO
run_as_launching_user=YES
seccomp_sandbox=NO
secure_chroot_dir=${empty}
anonymous_enable=YES
no_anon_password=YES
anon_root=${root}
local_enable=NO
write_enable=NO
pasv_enable=YES
pasv_address=127.0.0.1
pasv_min_port=${pasvMin}
pasv_max_port=${pasvMin + 99}
max_clients=200
max_per_ip=${options.maxPerIp ?? 0}
anon_max_rate=${options.rate ?? 0}
vsftpd_log_file=${log}
log_ftp_protocol=YES
xferlog_enable=YES
${options.tls ? tlsConfig(options.tls) : ''}`,
  );
  const server = await runServer('vsftpd', binary, [conf], port, path.join(work, `${name}-no-access-log`));
  const lines = (kind: 'command' | 'response'): string[] =>
    fs.existsSync(log)
      ? [...fs.readFileSync(log, 'utf8').matchAll(new RegExp(`FTP ${kind}: Client "[^"]*", "(.*)"$`, 'gm'))].map((m) => m[1]!)
      : [];
  return {
    port,
    url: (file) => `ftp://127.0.0.1:${port}${file}`,
    commands: () => lines('command'),
    replies: () => lines('response'),
    stop: () => server.stop(),
  };
}

function tlsConfig(tls: { certFile: string; keyFile: string }): string {
  return `ssl_enable=YES
allow_anon_ssl=YES
force_anon_logins_ssl=NO
force_anon_data_ssl=NO
rsa_cert_file=${tls.certFile}
rsa_private_key_file=${tls.keyFile}
`;
}
