// Node's HTTP(S) agents with sockets that read into one reused buffer: every byte must arrive intact and
// in order whatever the framing, under backpressure, and on a connection kept alive for the next
// request. (Every download test goes through it too; these pin the transport on its own.)
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import { connect as netConnect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { withReadBuffer } from '../../electron/engine/protocols/http/read-buffer-agent.ts';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { ferry } from '../helpers/cli.ts';
import { makeCertificates } from '../helpers/tls.ts';
import { tempDir } from '../helpers/engine.ts';

const servers: net.Server[] = [];
const agents: http.Agent[] = [];

afterEach(async () => {
  for (const agent of agents.splice(0)) agent.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(server: net.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

function agent(): http.Agent {
  const a = withReadBuffer(new http.Agent({ keepAlive: true }));
  agents.push(a);
  return a;
}

interface Fetched {
  body: Buffer;
  largestChunk: number;
  reusedSocket: boolean;
}

/** GETs `url`, pausing the response for a moment after every `pauseEvery` bytes (a slow disk). */
function fetch(url: string, via: http.Agent, pauseEvery = Infinity, ca?: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    const request = get(url, { agent: via, ...(ca ? { ca } : {}) }, (response) => {
      const chunks: Buffer[] = [];
      let largestChunk = 0;
      let sincePause = 0;
      response.on('data', (chunk: Buffer) => {
        // Copies, so a chunk that still pointed into a reused buffer would show up as corruption.
        chunks.push(Buffer.from(chunk));
        largestChunk = Math.max(largestChunk, chunk.length);
        sincePause += chunk.length;
        if (sincePause >= pauseEvery) {
          sincePause = 0;
          response.pause();
          setTimeout(() => response.resume(), 5);
        }
      });
      response.on('end', () => resolve({ body: Buffer.concat(chunks), largestChunk, reusedSocket: request.reusedSocket }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

it('delivers a large body intact while the reader keeps pausing, in reads larger than a default socket makes', async () => {
  const body = randomBytes(24 * 1024 * 1024);
  const port = await listen(
    http.createServer((_req, res) => {
      res.writeHead(200, { 'content-length': body.length });
      res.end(body);
    }),
  );
  const fetched = await fetch(`http://127.0.0.1:${port}/`, agent(), 2 * 1024 * 1024);
  expect(fetched.body.length).toBe(body.length);
  expect(sha256(fetched.body)).toBe(sha256(body));
  // Node's own sockets read at most 64 KiB at a time; bigger chunks prove the agent's buffer was used.
  expect(fetched.largestChunk).toBeGreaterThan(64 * 1024);
});

it('delivers chunked bodies and bodies ended by the server closing the connection', async () => {
  const body = randomBytes(5 * 1024 * 1024 + 123);
  const port = await listen(
    http.createServer((req, res) => {
      if (req.url === '/chunked') {
        res.writeHead(200);
        for (let at = 0; at < body.length; at += 300_001) res.write(body.subarray(at, at + 300_001));
        res.end();
      } else {
        // No length, no chunking: the body ends where the connection does.
        res.socket!.end(Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n'), body]));
      }
    }),
  );
  const via = agent();
  for (const path of ['/chunked', '/until-close']) {
    const fetched = await fetch(`http://127.0.0.1:${port}${path}`, via, 1024 * 1024);
    expect(sha256(fetched.body), path).toBe(sha256(body));
  }
});

it('reuses a kept-alive connection and gives the second answer its own bytes', async () => {
  const first = randomBytes(3 * 1024 * 1024);
  const second = randomBytes(2 * 1024 * 1024 + 7);
  const connections = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    connections.add(req.socket);
    const body = req.url === '/first' ? first : second;
    res.writeHead(200, { 'content-length': body.length });
    res.end(body);
  });
  const port = await listen(server);
  const via = agent();
  const a = await fetch(`http://127.0.0.1:${port}/first`, via);
  const b = await fetch(`http://127.0.0.1:${port}/second`, via);
  expect(sha256(a.body)).toBe(sha256(first));
  expect(sha256(b.body)).toBe(sha256(second));
  expect(b.reusedSocket).toBe(true);
  expect(connections.size).toBe(1);
});

it('reads HTTPS the same way: the bytes come through the agent buffer, intact', async () => {
  const dir = tempDir();
  try {
    const certs = makeCertificates(dir);
    const body = randomBytes(6 * 1024 * 1024 + 11);
    const port = await listen(
      https.createServer({ key: certs.key, cert: certs.cert }, (_req, res) => {
        res.writeHead(200, { 'content-length': body.length });
        res.end(body);
      }),
    );
    // A buffer smaller than a TLS record (16 KiB): chunks no bigger than it prove it was used.
    const via = withReadBuffer(new https.Agent(), 1000);
    agents.push(via);
    const fetched = await fetch(`https://127.0.0.1:${port}/`, via, 1024 * 1024, fs.readFileSync(certs.caFile, 'utf8'));
    expect(sha256(fetched.body)).toBe(sha256(body));
    expect(fetched.largestChunk).toBeLessThanOrEqual(1000);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A minimal forward proxy: absolute-form HTTP requests are relayed, CONNECT is tunnelled. */
async function startProxy(seen: string[]): Promise<number> {
  const proxy = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url!);
    const upstream = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = req.url!.split(':');
    const upstream = netConnect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return listen(proxy);
}

it('still goes through the environment proxy when Node is told to use one (NODE_USE_ENV_PROXY)', async (context) => {
  // Node's built-in proxy support is recent: its global agent then has a proxyEnv setting.
  if (!('proxyEnv' in ((http.globalAgent as unknown as { options: object }).options ?? {}))) context.skip();
  const dir = tempDir();
  const certs = makeCertificates(dir);
  const plain = await new FaultServer().start();
  const secure = await new FaultServer({ key: certs.key, cert: certs.cert }).start();
  const seen: string[] = [];
  try {
    const file = randomFile(3 * 1024 * 1024 + 5);
    plain.serve('/via-proxy.bin', file);
    secure.serve('/via-proxy.bin', file);
    const proxy = `http://127.0.0.1:${await startProxy(seen)}`;
    const env = { NODE_USE_ENV_PROXY: '1', HTTP_PROXY: proxy, HTTPS_PROXY: proxy, NO_PROXY: '', NODE_EXTRA_CA_CERTS: certs.caFile };
    for (const [name, server] of [['plain', plain], ['secure', secure]] as const) {
      const out = path.join(dir, `${name}.bin`);
      const result = await ferry(['get', server.url('/via-proxy.bin'), '-o', out, '--home', path.join(dir, 'home')], env);
      expect(result.code, result.stderr).toBe(0);
      expect(sha256(fs.readFileSync(out)), name).toBe(sha256(file.body));
    }
    const securePort = new URL(secure.url('/')).port;
    expect(seen).toEqual([`GET ${plain.url('/via-proxy.bin')}`, `CONNECT 127.0.0.1:${securePort}`]);
  } finally {
    await plain.close();
    await secure.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
