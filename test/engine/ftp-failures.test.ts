// FTP's network failures in the existing statuses, each naming the URL: a name that does not
// resolve, nothing listening, a server that never greets, a server at its connection limit (421,
// retried like HTTP's 503).
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeService, tempDir, waitFinal } from '../helpers/engine.ts';
import { startNxdomainServer } from '../helpers/dns-server.ts';
import type { TransferServiceOptions } from '../../electron/engine/transfer-service.ts';
import type { TransferSnapshot } from '../../shared/model.ts';

let dir: string;
beforeAll(() => {
  dir = tempDir('ferry-ftp-failures-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function download(url: string, options: Partial<TransferServiceOptions> = {}): Promise<TransferSnapshot> {
  const service = await makeService(dir, options);
  try {
    return await waitFinal(service, (await service.createDownload({ url, dir })).id);
  } finally {
    await service.shutdown();
  }
}

/** A TCP server on 127.0.0.1 doing `greet` with each connection; its port. */
async function rawServer(greet: (socket: net.Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    greet(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

it('a name that does not resolve: HostNameNotResolved', async () => {
  const dns = await startNxdomainServer();
  try {
    const done = await download('ftp://no-such-host.ferry-test/x.bin', { dnsServers: [dns.address], defaults: { retries: 0 } });
    expect(done.error?.status).toBe('HostNameNotResolved');
    expect(done.error?.message).toContain('ftp://no-such-host.ferry-test/x.bin');
  } finally {
    await dns.close();
  }
});

it('nothing listening: CannotConnect, retried', async () => {
  const closed = await rawServer(() => undefined);
  await closed.close();
  const done = await download(`ftp://127.0.0.1:${closed.port}/x.bin`, { defaults: { retries: 1 } });
  expect(done.error?.status).toBe('CannotConnect');
  expect(done.retries.map((r) => r.status)).toEqual(['CannotConnect']);
});

it('a server that never greets: Timeout after the connect timeout', async () => {
  const silent = await rawServer(() => undefined);
  try {
    const url = `ftp://127.0.0.1:${silent.port}/x.bin`;
    const done = await download(url, { defaults: { retries: 0, connectTimeoutMs: 300 } });
    expect(done.error?.status).toBe('Timeout');
    expect(done.error?.message).toContain(url);
  } finally {
    await silent.close();
  }
});

it('421 at the greeting (too many connections): ServiceUnavailable, retried', async () => {
  const full = await rawServer((socket) => socket.end('421 Too many connections from your address\r\n'));
  try {
    const url = `ftp://127.0.0.1:${full.port}/x.bin`;
    const done = await download(url, { defaults: { retries: 1 } });
    expect(done.error?.status).toBe('ServiceUnavailable');
    expect(done.error?.message).toContain(`refused the connection for ${url}`);
    expect(done.retries.map((r) => r.status)).toEqual(['ServiceUnavailable']);
  } finally {
    await full.close();
  }
});
