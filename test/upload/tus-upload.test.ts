// Resumable uploads with tus 1.0 against @tus/server (its file store): pause and resume, a restart
// of the engine, and a server that forgot the upload. The server's copy equals the source by
// sha256, and little is sent twice (counted by the proxy in front of it, headers included).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeService, sha256File, tempDir, waitFinal, waitFor, writeRandomFile } from '../helpers/engine.ts';
import { TusTestServer } from '../helpers/tus-server.ts';
import { ThrottleProxy } from '../helpers/throttle-proxy.ts';
import { UploadServer } from '../helpers/upload-server.ts';
import { MemoryJobStore, MemorySecretStore } from '../../electron/engine/state/store.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';

let tus: TusTestServer;
let proxy: ThrottleProxy;
let dir: string;
let service: TransferService;
let store: MemoryJobStore;
let secrets: MemorySecretStore;
beforeEach(async () => {
  dir = tempDir('ferry-tus-');
  tus = await new TusTestServer(path.join(dir, 'server')).start();
  proxy = await new ThrottleProxy(Number(new URL(tus.endpoint).port), 4_000_000).start();
  store = new MemoryJobStore();
  secrets = new MemorySecretStore();
  service = await makeService(dir, { store, secrets });
});
afterEach(async () => {
  await service.shutdown();
  await proxy.close();
  await tus.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const source = (size: number): string => writeRandomFile(dir, 'video.bin', size);

it('uploads with tus, and a pause then resume continues from the server\'s offset', async () => {
  const src = source(6_000_000);
  const t = await service.createUpload({ url: proxy.via(tus.endpoint), protocol: 'tus', files: [{ path: src }] });
  await waitFor(service, t.id, (s) => s.bytesTransferred > 1_500_000);
  await service.pause(t.id);
  const paused = await service.getTransfer(t.id);
  proxy.bytesPerSecond = 50_000_000;
  await service.resume(t.id);
  const done = await waitFinal(service, t.id);
  expect(done.error).toBeNull();
  expect(done).toMatchObject({ state: 'completed', bytesTransferred: 6_000_000, upload: { protocol: 'tus' } });
  // The last answer: 204 to the last PATCH, or 200 to the HEAD when the server already had it all.
  expect([200, 204]).toContain(done.response!.status);
  const location = done.response!.location!;
  expect(sha256File(tus.fileFor(location))).toBe(sha256File(src));
  // What went twice is at most what was in flight when it paused (not the part already stored).
  expect(proxy.bytesUp - 6_000_000).toBeLessThan(1_000_000);
  expect(paused.bytesTransferred).toBeGreaterThan(1_000_000);
  expect(tus.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  expect(tus.requests.some((r) => r.method === 'HEAD')).toBe(true);
});

it('continues after the engine restarts, from the offset the server reports', async () => {
  const src = source(6_000_000);
  const t = await service.createUpload({ url: proxy.via(tus.endpoint), protocol: 'tus', files: [{ path: src }] });
  await waitFor(service, t.id, (s) => s.bytesTransferred > 2_000_000);
  await service.shutdown();
  proxy.bytesPerSecond = 50_000_000;
  service = await makeService(dir, { store, secrets });
  const done = await waitFinal(service, t.id);
  expect(done.state).toBe('completed');
  expect(sha256File(tus.fileFor(done.response!.location!))).toBe(sha256File(src));
  expect(proxy.bytesUp - 6_000_000).toBeLessThan(1_000_000);
  expect(tus.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
});

it('creates the upload again when the server forgot it (404 for the kept URL)', async () => {
  // Large against the rate: loopback socket buffers hold megabytes the server has not read yet.
  const src = source(8_000_000);
  proxy.bytesPerSecond = 1_000_000;
  const t = await service.createUpload({ url: proxy.via(tus.endpoint), protocol: 'tus', files: [{ path: src }] });
  await waitFor(service, t.id, (s) => s.bytesTransferred > 500_000);
  await service.pause(t.id);
  for (const f of fs.readdirSync(tus.dir)) fs.rmSync(path.join(tus.dir, f));
  proxy.bytesPerSecond = 50_000_000;
  await service.resume(t.id);
  const done = await waitFinal(service, t.id);
  expect(done.state).toBe('completed');
  expect(sha256File(tus.fileFor(done.response!.location!))).toBe(sha256File(src));
  expect(tus.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
});

it('fails clearly when the tus endpoint does not exist', async () => {
  const plain = await new UploadServer().start();
  plain.fault('/no-tus', { kind: 'status', code: 404, body: 'no such endpoint' });
  try {
    const t = await service.createUpload({ url: plain.url('/no-tus'), protocol: 'tus', files: [{ path: source(1000) }] });
    const done = await waitFinal(service, t.id);
    expect(done).toMatchObject({ state: 'failed', error: { status: 'NotFound', httpStatus: 404 } });
    expect(plain.for('/no-tus')).toMatchObject([{ method: 'POST', headers: { 'tus-resumable': '1.0.0', 'upload-length': '1000' } }]);
  } finally {
    await plain.close();
  }
});

it('uploads an empty file with tus (Upload-Length 0) and completes', async () => {
  const src = source(0);
  const t = await service.createUpload({ url: proxy.via(tus.endpoint), protocol: 'tus', files: [{ path: src }] });
  const done = await waitFinal(service, t.id);
  expect(done).toMatchObject({ state: 'completed', bytesTransferred: 0, totalBytes: 0 });
  expect(fs.statSync(tus.fileFor(done.response!.location!)).size).toBe(0);
});

it('gives up on a tus server that takes the body slower than the speed floor, saying so', async () => {
  await service.setSettings({ retries: 0, stallTimeoutMs: 20_000, speedFloorBytesPerSec: 1_000_000, speedFloorWindowMs: 3000 });
  proxy.bytesPerSecond = 100_000;
  const t = await service.createUpload({ url: proxy.via(tus.endpoint), protocol: 'tus', files: [{ path: source(30_000_000) }] });
  const done = await waitFinal(service, t.id);
  expect(done).toMatchObject({ state: 'failed', error: { status: 'Timeout' } });
  expect(done.error!.message).toMatch(/^the tus server at http:\/\/127\.0\.0\.1:\d+\/\S*: the server took data at [\d.]+ k?B\/s over the last \d+ s, below the floor of 1\.0 MB\/s \(speedFloorBytesPerSec\)$/);
});
