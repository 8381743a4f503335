// A crash after the last byte was checkpointed but before the rename: on the next start the server
// answers the Range request with 416 for exactly the length we hold, and the file is finished
// without fetching anything again.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { makeService, sha256File, tempDir, waitFinal } from '../helpers/engine.ts';
import { MemoryJobStore } from '../../electron/engine/store.ts';
import { buildDownloadRecord } from '../../electron/engine/download-request.ts';
import { emptyState } from '../../electron/engine/records.ts';

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

it('finishes from a 416 that confirms we already hold every byte', async () => {
  const file = randomFile(500_000);
  server.serve('/done.bin', file);
  const target = path.join(dir, 'done.bin');
  fs.writeFileSync(`${target}.part`, file.body);
  const { record } = buildDownloadRecord({ url: server.url('/done.bin'), path: target }, { seq: 1, defaultDir: dir });
  Object.assign(record, { state: 'running', totalBytes: file.body.length, bytesDurable: file.body.length, validator: { etag: file.etag, lastModified: null } });

  const service = await makeService(dir, { store: storeWith(record) });
  try {
    const done = await waitFinal(service, record.id);
    expect(done.state).toBe('completed');
    expect(sha256File(target)).toBe(sha256(file.body));
    expect(server.requestsFor('/done.bin')).toMatchObject([{ range: `bytes=${file.body.length}-`, status: 416 }]);
    expect(server.bytesSent).toBe(0);
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
  Object.assign(record, { state: 'running', totalBytes: 600_000, bytesDurable: 600_000, validator: { etag: file.etag, lastModified: null } });

  const service = await makeService(dir, { store: storeWith(record) });
  try {
    const done = await waitFinal(service, record.id);
    expect(done.state).toBe('completed');
    expect(sha256File(target)).toBe(sha256(file.body));
    expect(server.requestsFor('/shrunk.bin').map((r) => [r.range, r.status])).toEqual([
      ['bytes=600000-', 416],
      [undefined, 200],
    ]);
    expect(done.retries.map((r) => r.status)).toEqual(['ResourceChanged']);
  } finally {
    await service.shutdown();
  }
});
