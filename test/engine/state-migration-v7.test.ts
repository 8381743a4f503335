// A state.json written by main at c755de6 (state version 7, its own daemon): a download with a
// checksum, paused at 40960 of 200000 bytes. Version 8 gives downloads mirrors: it loads with none,
// on its own address, and continues from its bytes on disk proving the version as before.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { sha256 } from '../helpers/fault-server.ts';
import { sha256File, useSharedServer, waitFinal } from '../helpers/engine.ts';
import { withIdentities } from '../helpers/state-fixtures.ts';
import { openHomeStores } from '../../electron/daemon/file-stores.ts';
import { TransferService } from '../../electron/engine/transfer-service.ts';
import { STATE_VERSION } from '../../electron/engine/state/state-migrations.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/state-v7-main-c755de6.json');
const PAUSED = '32b8bc7d-58d0-4f1d-917f-bf3b70f78314';
// What the fixture's server sent: 200000 bytes of 9, ETag "v7fixture".
const BODY = Buffer.alloc(200_000, 9);

const shared = useSharedServer();

it('loads a version 7 state: a download has no mirrors, reads from its own address and continues from its bytes', async () => {
  const { server, work } = shared;
  const home = path.join(work, 'home');
  const downloads = path.join(work, 'downloads');
  fs.mkdirSync(home, { mode: 0o700 });
  fs.mkdirSync(downloads);
  server.serve('/v7.bin', { body: BODY, etag: '"v7fixture"', lastModified: null });
  fs.writeFileSync(path.join(downloads, 'v7.bin.part'), BODY.subarray(0, 40_960));
  let text = fs.readFileSync(FIXTURE, 'utf8').replaceAll('__DOWNLOADS__', downloads).replaceAll('__ORIGIN__', new URL(server.url('/')).origin);
  text = withIdentities(text, { PART: path.join(downloads, 'v7.bin.part') });
  fs.writeFileSync(path.join(home, 'state.json'), text);

  const warnings: string[] = [];
  const service = new TransferService({ ...openHomeStores(home, (m) => warnings.push(m)), warn: (m) => warnings.push(m) });
  await service.start();
  try {
    expect(await service.getTransfer(PAUSED)).toMatchObject({ state: 'paused', bytesTransferred: 40_960, mirrors: [], mirrorInUse: null, checksum: { source: 'given', verified: false } });
    await service.resume(PAUSED);
    const done = await waitFinal(service, PAUSED);
    expect(done.state).toBe('completed');
    expect(sha256File(path.join(downloads, 'v7.bin'))).toBe(sha256(BODY));
    // Its own address, proving the version by its validator (not by the checksum: the address is not new).
    expect(server.requestsFor('/v7.bin')).toMatchObject([{ range: 'bytes=40960-', ifRange: '"v7fixture"', status: 206 }]);
  } finally {
    await service.shutdown();
  }
  const saved = JSON.parse(fs.readFileSync(path.join(home, 'state.json'), 'utf8')) as { version: number; operations: Record<string, Record<string, unknown>> };
  expect(saved.version).toBe(STATE_VERSION);
  expect(saved.operations[PAUSED]).toMatchObject({ mirrors: [], source: 0, newAddress: false, vouchedByChecksum: false });
  expect(warnings).toEqual([]);
});
