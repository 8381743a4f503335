// A crash after the last byte was checkpointed but before the rename: on the next start the server
// answers the Range request with 416 for exactly the length we hold, and the file is finished
// without fetching anything again.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { makeService, sha256File, tempDir, waitFinal } from '../helpers/engine.ts';
import { MemoryJobStore } from '../../electron/engine/state/store.ts';
import { buildDownloadRecord } from '../../electron/engine/intake/download-request.ts';
import { emptyState } from '../../electron/engine/state/records.ts';

let server: FaultServer;
let dir: string;
beforeEach(async () => {
  server = await new FaultServer().start();
  dir = tempDir();
});
afterEach(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function storeWith(record: ReturnType<typeof buildDownloadRecord>['record']): MemoryJobStore {
  const store = new MemoryJobStore();
  store.save({ ...emptyState(), seq: record.seq, operations: { [record.id]: record } });
  return store;
}

it('confirms with the last byte (If-Range) that every byte is already on disk, and finishes', async () => {
  const file = randomFile(500_000);
  server.serve('/done.bin', file);
  const target = path.join(dir, 'done.bin');
  fs.writeFileSync(`${target}.part`, file.body);
  const { record } = buildDownloadRecord({ url: server.url('/done.bin'), path: target }, { seq: 1, defaultDir: dir });
  Object.assign(record, { state: 'running', totalBytes: file.body.length, bytesDurable: file.body.length, protocolState: { protocol: 'http', etag: file.etag, lastModified: null } });

  const service = await makeService(dir, { store: storeWith(record) });
  try {
    const done = await waitFinal(service, record.id);
    expect(done.state).toBe('completed');
    expect(sha256File(target)).toBe(sha256(file.body));
    expect(server.requestsFor('/done.bin')).toMatchObject([{ range: `bytes=${file.body.length - 1}-${file.body.length - 1}`, ifRange: file.etag, status: 206 }]);
    expect(server.bytesSent).toBe(1);
  } finally {
    await service.shutdown();
  }
});

it('starts over when a 416 says the file on the server is now a different length', async () => {
  const file = randomFile(400_000);
  server.serve('/shrunk.bin', file);
  const target = path.join(dir, 'shrunk.bin');
  fs.writeFileSync(`${target}.part`, Buffer.alloc(600_000, 7));
  const { record } = buildDownloadRecord({ url: server.url('/shrunk.bin'), path: target }, { seq: 1, defaultDir: dir });
  Object.assign(record, { state: 'running', totalBytes: 600_000, bytesDurable: 600_000, protocolState: { protocol: 'http', etag: file.etag, lastModified: null } });

  const service = await makeService(dir, { store: storeWith(record) });
  try {
    const done = await waitFinal(service, record.id);
    expect(done.state).toBe('completed');
    expect(sha256File(target)).toBe(sha256(file.body));
    expect(server.requestsFor('/shrunk.bin').map((r) => [r.range, r.status])).toEqual([
      ['bytes=599999-599999', 416],
      [undefined, 200],
    ]);
    expect(done.retries.map((r) => r.status)).toEqual(['ResourceChanged']);
  } finally {
    await service.shutdown();
  }
});

async function finishFromDisk(urlPath: string, file: ReturnType<typeof randomFile>, onDisk: Buffer, faults: Parameters<FaultServer['serve']>[2] = []) {
  server.serve(urlPath, file, faults);
  const target = path.join(dir, path.basename(urlPath));
  fs.writeFileSync(`${target}.part`, onDisk);
  const { record } = buildDownloadRecord({ url: server.url(urlPath), path: target }, { seq: 1, defaultDir: dir });
  Object.assign(record, { state: 'running', totalBytes: onDisk.length, bytesDurable: onDisk.length, protocolState: { protocol: 'http', etag: file.etag, lastModified: null } });
  const service = await makeService(dir, { store: storeWith(record) });
  try {
    return { done: await waitFinal(service, record.id), target };
  } finally {
    await service.shutdown();
  }
}

it('finishes without refetching when the server ignores the Range and sends the same version whole (200)', async () => {
  const file = randomFile(2_000_000, { rate: 1_000_000 });
  const { done, target } = await finishFromDisk('/ignores-range.bin', file, file.body, Array(5).fill({ kind: 'ignoreRange' }));
  expect(done.state).toBe('completed');
  expect(sha256File(target)).toBe(sha256(file.body));
  expect(server.requestsFor('/ignores-range.bin').map((r) => r.status)).toEqual([200]);
  expect(server.bytesSent).toBeLessThan(file.body.length / 2);
  expect(done.retries).toEqual([]);
});

it('starts over when the last byte on the server differs from the one on disk', async () => {
  const file = randomFile(300_000);
  const corrupt = Buffer.from(file.body);
  corrupt[corrupt.length - 1] = corrupt[corrupt.length - 1]! ^ 0xff;
  const { done, target } = await finishFromDisk('/last-byte.bin', file, corrupt);
  expect(done.state).toBe('completed');
  expect(sha256File(target)).toBe(sha256(file.body));
  expect(server.requestsFor('/last-byte.bin').map((r) => [r.range, r.status])).toEqual([
    ['bytes=299999-299999', 206],
    [undefined, 200],
  ]);
});

it('writes the new version from zero when the file changed (If-Range fails, the server sends it whole)', async () => {
  const old = randomFile(300_000);
  const replacement = randomFile(300_000);
  const { done, target } = await finishFromDisk('/changed.bin', old, old.body, [{ kind: 'replace', file: replacement }]);
  expect(done.state).toBe('completed');
  expect(sha256File(target)).toBe(sha256(replacement.body));
  expect(server.requestsFor('/changed.bin').map((r) => [r.range, r.status])).toEqual([['bytes=299999-299999', 200]]);
});
