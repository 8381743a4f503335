// A proxied connection gathers its reads before the HTTP parser sees them, and rests a millisecond
// after a small read (http/gathered-reads.ts): real bytes sent in small pieces, through a socket
// and through a proxy (the `proxy` package) on 127.0.0.1, sha256 checked, with a length and with a
// body that ends when the connection closes (its last bytes must reach the parser before the end).
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { gatheredReads } from '../../electron/engine/protocols/http/gathered-reads.ts';
import { sha256File, useEngineTestBed, waitFinal } from '../helpers/engine.ts';
import { TestProxy } from '../helpers/http-proxy.ts';

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const PIECE = 1000;

/** Writes `data` in small pieces, a turn of the loop apart (as a proxy relaying a slow server does). */
async function sendInPieces(out: NodeJS.WritableStream & { destroyed?: boolean }, data: Buffer): Promise<void> {
  for (let at = 0; at < data.length; at += PIECE) {
    if (out.destroyed) return;
    out.write(data.subarray(at, at + PIECE));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const servers: Array<{ close(): unknown }> = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

it('hands on every byte of a connection, in order, the last ones before its end', async () => {
  const data = randomBytes(3 * 1024 * 1024 + 17);
  const server = net.createServer((socket) => void sendInPieces(socket, data).then(() => socket.end()));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const received: Buffer[] = [];
  const socket = net.connect({ host: '127.0.0.1', port, onread: gatheredReads() });
  // The pieces are lent (the buffer is reused): a reader copies what it keeps.
  socket.on('data', (piece: Buffer) => received.push(Buffer.from(piece)));
  await new Promise((resolve) => socket.on('end', resolve));
  expect(sha(Buffer.concat(received))).toBe(sha(data));
});

let proxy: TestProxy;
const bed = useEngineTestBed();
beforeEach(async () => {
  proxy = await new TestProxy().start();
});
afterEach(async () => {
  await proxy.close();
});

it('downloads through a proxy a body sent in small pieces: with a length, and ended by the connection closing', async () => {
  const data = randomBytes(2 * 1024 * 1024 + 333);
  const origin = http.createServer((request, response) => {
    const closing = request.url === '/closing.bin';
    response.writeHead(200, closing ? { 'content-type': 'application/octet-stream', connection: 'close' } : { 'content-length': String(data.length) });
    void sendInPieces(response, data).then(() => response.end());
  });
  servers.push(origin);
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
  const { port } = origin.address() as net.AddressInfo;
  for (const name of ['sized.bin', 'closing.bin']) {
    const t = await bed.service.createDownload({ url: `http://127.0.0.1:${port}/${name}`, path: path.join(bed.dir, name), proxy: proxy.url() });
    const done = await waitFinal(bed.service, t.id);
    expect(done.state, done.error?.message).toBe('completed');
    expect(sha256File(path.join(bed.dir, name))).toBe(sha(data));
  }
  expect(proxy.seen).toEqual([`GET http://127.0.0.1:${port}/sized.bin`, `GET http://127.0.0.1:${port}/closing.bin`]);
});
