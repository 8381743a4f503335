// Digest authentication (RFC 7616) against an in-test server written from the RFC: both
// algorithms and their -sess variants over a segmented download (the later connections answer at
// once, each with its own nonce count), stale=true answered once, a wrong password Unauthorized
// after one challenge and never retried, and uploads that learn the challenge before their body
// goes (Expect: 100-continue), so the body is sent once; a server silent on the Expect gets it after a short wait.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DigestServer, type DigestAlgorithm } from '../helpers/digest-server.ts';
import { makeService, sha256File, tempDir, waitFinal, writeRandomFile } from '../helpers/engine.ts';
import { sha256 } from '../helpers/fault-server.ts';
import { throwawaySecret } from '../helpers/secrets.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';

let work: string;
let service: TransferService;
let server: DigestServer | null = null;
const login = { user: 'mufasa', password: throwawaySecret('circle-') };

beforeEach(async () => {
  work = tempDir('ferry-digest-');
  service = await makeService(work);
});
afterEach(async () => {
  await service.shutdown();
  await server?.close();
  server = null;
  fs.rmSync(work, { recursive: true, force: true });
});

async function digestServer(algorithm: DigestAlgorithm, options: { silentOnExpect?: boolean } = {}): Promise<DigestServer> {
  server = await new DigestServer(login, algorithm, options).start();
  return server;
}

for (const algorithm of ['MD5', 'SHA-256', 'MD5-sess', 'SHA-256-sess'] as const) {
  it(`downloads behind Digest ${algorithm}: one 401, then every connection answers at once with its own nonce count`, async () => {
    const digest = await digestServer(algorithm);
    const body = randomBytes(6 * 1024 * 1024 + 11);
    digest.serve('/big.bin', body);
    const t = await service.createDownload({ url: digest.url('/big.bin'), dir: work, credential: `${login.user}:${login.password}`, connections: 3 });
    const done = await waitFinal(service, t.id);
    expect(done.error).toBeNull();
    expect(done.state).toBe('completed');
    expect(sha256File(done.path!)).toBe(sha256(body));
    const refused = digest.log.filter((entry) => entry.status === 401);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.scheme).toBe('Basic');
    const answered = digest.log.filter((entry) => entry.status !== 401);
    expect(answered.length).toBeGreaterThanOrEqual(2);
    expect(answered.every((entry) => entry.scheme === 'Digest')).toBe(true);
    const counts = answered.map((entry) => entry.nc);
    expect(new Set(counts).size).toBe(counts.length);
  });
}

it('answers stale=true once with the new nonce and goes on', async () => {
  const digest = await digestServer('SHA-256');
  digest.staleAfter = 1;
  const body = randomBytes(6 * 1024 * 1024);
  digest.serve('/stale.bin', body);
  const t = await service.createDownload({ url: digest.url('/stale.bin'), dir: work, credential: `${login.user}:${login.password}`, connections: 2 });
  const done = await waitFinal(service, t.id);
  expect(done.state).toBe('completed');
  expect(sha256File(done.path!)).toBe(sha256(body));
  // The first request's Basic, then the second connection's answer with the nonce gone stale.
  expect(digest.log.filter((entry) => entry.status === 401).map((entry) => entry.scheme)).toEqual(['Basic', 'Digest']);
  expect(done.history.some((change) => change.to === 'retrying')).toBe(false);
});

it('fails a wrong password Unauthorized after one challenge, never trying it again', async () => {
  const digest = await digestServer('MD5');
  digest.serve('/secret.bin', randomBytes(1000));
  const wrong = `not-${login.password}`;
  const t = await service.createDownload({ url: digest.url('/secret.bin'), dir: work, credential: `${login.user}:${wrong}` });
  const done = await waitFinal(service, t.id);
  expect(done.state).toBe('failed');
  expect(done.error).toMatchObject({ status: 'Unauthorized', httpStatus: 401 });
  expect(done.error?.message).toContain(`it refused the login of user "${login.user}"`);
  expect(JSON.stringify(done)).not.toContain(wrong);
  // The challenge, and its one answer: no retry with the same login.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(digest.log.map((entry) => [entry.scheme, entry.status])).toEqual([['Basic', 401], ['Digest', 401]]);
  expect(fs.readdirSync(work).filter((name) => name.endsWith('.part'))).toEqual([]);
});

it('uploads behind Digest with the body sent once: the challenge comes before it (Expect: 100-continue)', async () => {
  const digest = await digestServer('SHA-256');
  const src = writeRandomFile(work, 'up.bin', 3 * 1024 * 1024 + 5);
  const t = await service.createUpload({ files: [{ path: src }], url: digest.url('/store/up.bin'), credential: `${login.user}:${login.password}` });
  const done = await waitFinal(service, t.id);
  expect(done.error).toBeNull();
  expect(done.state).toBe('completed');
  expect(sha256(digest.stored.get('/store/up.bin')!)).toBe(sha256File(src));
  expect(digest.log.map((entry) => [entry.scheme, entry.status, entry.expect, entry.bodyBytes])).toEqual([
    ['Basic', 401, true, 0],
    ['Digest', 201, true, fs.statSync(src).size],
  ]);
});

it('fails an upload with a wrong password Unauthorized without sending its body', async () => {
  const digest = await digestServer('MD5');
  const src = writeRandomFile(work, 'no.bin', 2 * 1024 * 1024);
  const t = await service.createUpload({ files: [{ path: src }], url: digest.url('/store/no.bin'), credential: `${login.user}:wrong-${login.password}` });
  const done = await waitFinal(service, t.id);
  expect(done.state).toBe('failed');
  expect(done.error).toMatchObject({ status: 'Unauthorized', httpStatus: 401 });
  expect(digest.log.map((entry) => [entry.scheme, entry.status, entry.bodyBytes])).toEqual([['Basic', 401, 0], ['Digest', 401, 0]]);
  expect(done.error?.message).toContain(`it refused the login of user "${login.user}"`);
  expect(digest.stored.size).toBe(0);
});

it('sends the body after a short wait to a server that never answers 100 Continue', async () => {
  const digest = await digestServer('MD5', { silentOnExpect: true });
  const src = writeRandomFile(work, 'slow.bin', 1024 * 1024);
  const t = await service.createUpload({ files: [{ path: src }], url: digest.url('/store/slow.bin'), credential: `${login.user}:${login.password}` });
  const done = await waitFinal(service, t.id);
  expect(done.state).toBe('completed');
  expect(sha256(digest.stored.get('/store/slow.bin')!)).toBe(sha256File(src));
  expect(digest.log.map((entry) => [entry.scheme, entry.status])).toEqual([['Basic', 401], ['Digest', 201]]);
  expect(path.basename(src)).toBe('slow.bin');
});
