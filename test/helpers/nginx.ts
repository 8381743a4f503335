// Starts Debian's nginx (found on PATH or in /usr/sbin) with a config of our own on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export function findNginx(): string | null {
  const dirs = [...(process.env['PATH'] ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    const candidate = path.join(dir, 'nginx');
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface Nginx {
  port: number;
  url(p: string): string;
  /** Lines of the access log: "uri range status bytes". */
  accessLog(): Array<{ uri: string; range: string; status: number; bytes: number }>;
  stop(): Promise<void>;
}

/** Serves `root`; under /slow/ at `slowRate` bytes per second. */
export async function startNginx(root: string, work: string, slowRate = '1m'): Promise<Nginx> {
  const binary = findNginx();
  if (!binary) throw new Error('nginx is not installed: apt-get install nginx (the interop tests and the benchmark need it)');
  const port = await freePort();
  fs.mkdirSync(path.join(work, 'logs'), { recursive: true });
  const log = path.join(work, 'logs', 'access.log');
  const conf = path.join(work, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `daemon off;
master_process off;
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/logs/error.log warn;
events { worker_connections 64; }
http {
  default_type application/octet-stream;
  sendfile on;
  log_format ferry '$uri "$http_range" $status $body_bytes_sent';
  access_log ${log} ferry;
  client_body_temp_path ${work}/body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location /slow/ { alias ${root}/; limit_rate ${slowRate}; }
  }
}
`,
  );
  const child: ChildProcess = spawn(binary, ['-p', work, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error(`nginx did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
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
              const m = /^(\S+) "([^"]*)" (\d+) (\d+)$/.exec(line)!;
              return { uri: m[1]!, range: m[2]!, status: Number(m[3]), bytes: Number(m[4]) };
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
