// Starts Debian's nginx (found on PATH or in /usr/sbin) with a config of our own on a free port.
import fs from 'node:fs';
import path from 'node:path';
import { findBinary, freePort, runServer, type WebServer } from './web-servers.ts';

export function findNginx(): string | null {
  return findBinary('nginx');
}

export type Nginx = WebServer;

/**
 * Extra locations, each serving `root` under its path with its own directives, e.g.
 * `{ '/capped/': 'limit_rate 5m; limit_conn per_client 4;' }`. The zone `per_client` (one per client
 * address) is always declared, so a location can cap the connections of each client.
 */
export type NginxLocations = Record<string, string>;

/** Serves `root`; under /slow/ at `slowRate` bytes per second; takes WebDAV PUTs under /dav/ (into `<work>/dav`). */
export async function startNginx(root: string, work: string, slowRate = '1m', locations: NginxLocations = {}): Promise<Nginx> {
  const binary = findNginx();
  if (!binary) throw new Error('nginx is not installed: apt-get install nginx (the interop tests and the benchmark need it)');
  const port = await freePort();
  fs.mkdirSync(path.join(work, 'logs'), { recursive: true });
  fs.mkdirSync(path.join(work, 'dav'), { recursive: true });
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
  log_format ferry '$request_method $uri "$http_range" $status $body_bytes_sent';
  access_log ${log} ferry;
  # When each request began and ended, on which connection: the benchmark's timelines (bench/request-timeline.ts).
  log_format timing '$msec $request_time $connection $status "$http_range" $body_bytes_sent $uri';
  access_log ${work}/logs/timing.log timing;
  limit_conn_zone $binary_remote_addr zone=per_client:1m;
  client_body_temp_path ${work}/body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location /slow/ { alias ${root}/; limit_rate ${slowRate}; }
    location /dav/ { alias ${work}/dav/; dav_methods PUT DELETE; create_full_put_path on; client_max_body_size 0; }
${Object.entries(locations)
  .map(([at, directives]) => `    location ${at} { alias ${root}/; ${directives} }\n`)
  .join('')}  }
}
`,
  );
  return runServer('nginx', binary, ['-p', work, '-c', conf], port, log);
}
