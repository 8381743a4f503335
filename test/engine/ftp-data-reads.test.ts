// A plain FTP download's data connection reads into the process's shared buffer (ftp/data-reads.ts)
// and the body lends those reads only to a reader that asks (pipe/lent-chunks.ts): real bytes from
// a real FTP server (ftp-srv) on 127.0.0.1, read straight from the source, sha256 checked.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ftpSource } from '../../electron/engine/protocols/ftp/ftp-source.ts';
import { sharedReadBuffer } from '../../electron/engine/protocols/http/read-buffer-agent.ts';
import { canLend } from '../../electron/engine/pipe/lent-chunks.ts';
import { sha256File, tempDir, writeRandomFile } from '../helpers/engine.ts';
import { FtpTestServer } from '../helpers/ftp-server.ts';

/** One read into the shared buffer at most (read-buffer-agent.ts). */
const READ_BYTES = 256 * 1024;
let root: string;
let server: FtpTestServer;
let file: string;

beforeAll(async () => {
  root = tempDir('ferry-ftp-reads-');
  file = writeRandomFile(root, 'big.bin', 6 * 1024 * 1024 + 4321);
  writeRandomFile(root, 'other.bin', 4 * 1024 * 1024);
  server = await new FtpTestServer(root).start();
});

afterAll(async () => {
  await server.close();
  fs.rmSync(root, { recursive: true, force: true });
});

async function openBody(name: string): Promise<Readable> {
  const opening = await ftpSource.open({
    url: server.url(`/${name}`),
    headers: {},
    credential: null,
    offset: 0,
    end: null,
    knownTotal: null,
    facts: null,
    connectTimeoutMs: 30_000,
    responseTimeoutMs: 30_000,
    signal: new AbortController().signal,
  });
  if (opening.kind !== 'body') throw new Error(`expected a body, got ${opening.kind}`);
  return opening.body;
}

const ended = (body: Readable): Promise<void> =>
  new Promise((resolve, reject) => {
    body.once('end', resolve);
    body.once('error', reject);
  });

const isShared = (chunk: Buffer): boolean => chunk.buffer === sharedReadBuffer().buffer;

it('lends its reads from the shared buffer to a reader that copies them at once: the bytes are the file', async () => {
  const body = await openBody('big.bin');
  expect(canLend(body)).toBe(true);
  if (!canLend(body)) return;
  body.lendChunks();
  const hash = createHash('sha256');
  let lent = 0;
  let own = 0;
  body.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    if (isShared(chunk)) lent++;
    else own++;
  });
  await ended(body);
  expect(hash.digest('hex')).toBe(sha256File(file));
  // The first read comes before the reader flows and is copied; the rest are lent.
  expect(lent).toBeGreaterThan(0);
  expect(own).toBeLessThan(lent);
});

it('gives a reader that did not ask chunks of its own, which it may keep', async () => {
  const body = await openBody('big.bin');
  const kept: Buffer[] = [];
  body.on('data', (chunk: Buffer) => kept.push(chunk));
  await ended(body);
  expect(kept.some(isShared)).toBe(false);
  expect(createHash('sha256').update(Buffer.concat(kept)).digest('hex')).toBe(sha256File(file));
});

it('pauses the data connection while its reader is paused: at most one read waits in the body', async () => {
  const body = await openBody('big.bin');
  if (!canLend(body)) throw new Error('an FTP body lends its reads');
  body.lendChunks();
  const hash = createHash('sha256');
  let received = 0;
  body.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    received += chunk.length;
    if (received >= 1024 * 1024 && received - chunk.length < 1024 * 1024) body.pause();
  });
  await expect.poll(() => body.isPaused() && received >= 1024 * 1024, { timeout: 30_000 }).toBe(true);
  // Meanwhile the server keeps sending what the socket would take: a whole other download's worth
  // of time passes (4 MiB over this server), and the paused body must not take more than one read.
  const other = await openBody('other.bin');
  other.resume();
  await ended(other);
  expect(body.readableLength).toBeLessThanOrEqual(READ_BYTES);
  body.resume();
  await ended(body);
  expect(received).toBe(fs.statSync(file).size);
  expect(hash.digest('hex')).toBe(sha256File(file));
});
