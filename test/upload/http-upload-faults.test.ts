// Plain and multipart uploads against servers that misbehave: one that stops reading, one that
// never answers, none at all, a file cut short while it is sent. Each ends in a clear status, never
// a success, and the server never holds a complete body mixed from two versions of a file.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeService, sha256File, tempDir, waitFinal, waitFor } from '../helpers/engine.ts';
import { UploadServer } from '../helpers/upload-server.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';

let server: UploadServer;
let dir: string;
let service: TransferService;
beforeEach(async () => {
  server = await new UploadServer().start();
  dir = tempDir('ferry-upload-faults-');
  service = await makeService(dir, { defaults: { retries: 0 } });
});
afterEach(async () => {
  await service.shutdown();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function file(name: string, size: number): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, randomBytes(size));
  return p;
}

it('fails with Timeout when the server stops reading the body (its socket stays full)', async () => {
  // Larger than what the kernel buffers on loopback, so the sender really waits.
  const src = file('stall.bin', 48_000_000);
  server.fault('/stall', { kind: 'stall', bytes: 200_000 });
  const t = await service.createUpload({ url: server.url('/stall'), files: [{ path: src }] });
  const done = await waitFinal(service, t.id);
  expect(done).toMatchObject({ state: 'failed', error: { status: 'Timeout', message: 'the server took no data for 1 s' } });
  expect(done.bytesTransferred).toBeLessThan(48_000_000);
});

it('fails with Timeout when the whole body went out and no answer comes', async () => {
  await service.setSettings({ responseTimeoutMs: 800 });
  server.fault('/quiet', { kind: 'noAnswer' });
  const t = await service.createUpload({ url: server.url('/quiet'), files: [{ path: file('q.bin', 300_000) }] });
  const done = await waitFinal(service, t.id);
  expect(done).toMatchObject({ state: 'failed', error: { status: 'Timeout', message: 'the server did not answer within 1 s after the upload was sent' } });
  expect(server.for('/quiet')[0]).toMatchObject({ size: 300_000 });
});

it('fails with CannotConnect when nothing listens there', async () => {
  const closed = net.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const t = await service.createUpload({ url: `http://127.0.0.1:${port}/x`, files: [{ path: file('c.bin', 10) }] });
  expect(await waitFinal(service, t.id)).toMatchObject({ state: 'failed', error: { status: 'CannotConnect' } });
});

it('ends no body when the file is cut short while it is read: the server never sees it complete', async () => {
  const src = file('shrink.bin', 48_000_000);
  server.fault('/shrink', { kind: 'slow', bytesPerSecond: 20_000_000 });
  const t = await service.createUpload({ url: server.url('/shrink'), files: [{ path: src }] });
  await waitFor(service, t.id, (s) => s.bytesTransferred > 1_000_000);
  fs.truncateSync(src, 2_000_000);
  const done = await waitFinal(service, t.id);
  expect(done).toMatchObject({ state: 'failed', error: { status: 'ResourceChanged' } });
  expect(done.error!.message).toContain('changed while it was being uploaded');
  expect(server.for('/shrink')[0]!.complete).toBe(false);
});

it('sends a multipart body of many files, each whole and in order', async () => {
  const files = Array.from({ length: 12 }, (_, i) => file(`part-${i}.bin`, i % 3 === 0 ? 0 : 150_000 * i));
  const t = await service.createUpload({ url: server.url('/many'), protocol: 'multipart', files: files.map((p, i) => ({ path: p, field: `f${i}` })) });
  expect((await waitFinal(service, t.id)).state).toBe('completed');
  expect(server.for('/many')[0]!.files.map((f) => [f.field, f.size, f.sha256])).toEqual(files.map((p, i) => [`f${i}`, fs.statSync(p).size, sha256File(p)]));
});
