// A state.json written by main before state version 2 (commit 1781d47, made with its own daemon:
// a download paused at 275000 of 400000 bytes) loads, and the download resumes after the upgrade.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, tempDir, waitFinal, waitFor } from '../helpers/engine.ts';
import { TusTestServer } from '../helpers/tus-server.ts';
import { openHomeStores } from '../../electron/daemon/file-stores.ts';
import { TransferService } from '../../electron/engine/transfer-service.ts';
import { STATE_VERSION } from '../../electron/engine/state/state-migrations.ts';
import { withIdentities } from '../helpers/state-fixtures.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/state-v1-main-1781d47.json');
const ID = '579c48d7-b38c-4365-9666-e6ad4790fca0';
let server: FaultServer;
let work: string;
beforeEach(async () => {
  server = await new FaultServer().start();
  work = tempDir('ferry-migrate-');
});
afterEach(async () => {
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

it('loads a version 1 state file from main and resumes its paused download with exactly the missing bytes', async () => {
  const { home, downloads } = homeAndDownloads();
  const file = randomFile(400_000, { etag: '"5ab16e67bfb9a665"', lastModified: 'Tue, 01 Dec 2026 11:06:42 GMT' });
  server.serve('/fixture/data.bin', file);
  const origin = new URL(server.url('/')).origin;
  fs.writeFileSync(path.join(home, 'state.json'), fs.readFileSync(FIXTURE, 'utf8').replaceAll('__DOWNLOADS__', downloads).replaceAll('__ORIGIN__', origin));
  fs.writeFileSync(path.join(downloads, 'data.bin.part'), file.body.subarray(0, 275_000));

  const warnings: string[] = [];
  const service = new TransferService({ ...openHomeStores(home, (m) => warnings.push(m)), warn: (m) => warnings.push(m) });
  await service.start();
  try {
    expect(await service.getTransfer(ID)).toMatchObject({ state: 'paused', bytesTransferred: 275_000, totalBytes: 400_000, headerNames: ['x-trace'] });
    await service.resume(ID);
    const done = await waitFinal(service, ID);
    expect(done.state).toBe('completed');
    expect(sha256File(path.join(downloads, 'data.bin'))).toBe(sha256(file.body));
    expect(server.requestsFor('/fixture/data.bin')).toMatchObject([{ range: 'bytes=275000-', ifRange: file.etag, status: 206 }]);
    expect(server.requestsFor('/fixture/data.bin')[0]!.headers['x-trace']).toBe('fixture');
  } finally {
    await service.shutdown();
  }
  const saved = JSON.parse(fs.readFileSync(path.join(home, 'state.json'), 'utf8')) as { version: number; operations: Record<string, { partIdentity: unknown }> };
  expect(saved.version).toBe(STATE_VERSION);
  expect(saved.operations[ID]!.partIdentity).toMatchObject({ dev: expect.any(Number) as unknown, ino: expect.any(Number) as unknown });
  expect(warnings).toEqual([]);
});

// Written by main at 0a0e22c (state version 2, its own TransferService): a completed download and
// one paused at 150000 of 400000 bytes. The fixture's file identities are placeholders, filled in
// with the files this test makes (inode numbers cannot be committed).
const FIXTURE_V2 = path.resolve(import.meta.dirname, '../fixtures/state-v2-main-0a0e22c.json');
const V2_PAUSED = 'e2dc39ce-37cc-431e-8a38-3ef319931b30';
const V2_DONE = 'bdeb8268-1338-4192-a463-fa8034fa3205';

/** A daemon home (0700) and a downloads folder under the test's folder. */
function homeAndDownloads(): { home: string; downloads: string } {
  const home = path.join(work, 'home');
  const downloads = path.join(work, 'downloads');
  fs.mkdirSync(home, { mode: 0o700 });
  fs.mkdirSync(downloads);
  return { home, downloads };
}

it('loads a version 2 state file from main (downloads only) and resumes its paused download', async () => {
  const { home, downloads } = homeAndDownloads();
  const file = randomFile(400_000, { etag: '"v2fixture0a0e22c"', lastModified: 'Tue, 01 Dec 2026 12:00:00 GMT' });
  server.serve('/fixture/v2.bin', file);
  fs.writeFileSync(path.join(downloads, 'v2.bin.part'), file.body.subarray(0, 150_000));
  fs.writeFileSync(path.join(downloads, 'done.bin'), Buffer.alloc(1000, 1));
  const origin = new URL(server.url('/')).origin;
  let text = fs.readFileSync(FIXTURE_V2, 'utf8').replaceAll('__DOWNLOADS__', downloads).replaceAll('__ORIGIN__', origin);
  text = withIdentities(text, { PART: path.join(downloads, 'v2.bin.part'), DONE: path.join(downloads, 'done.bin') });
  fs.writeFileSync(path.join(home, 'state.json'), text);

  const warnings: string[] = [];
  const service = new TransferService({ ...openHomeStores(home, (m) => warnings.push(m)), warn: (m) => warnings.push(m) });
  await service.start();
  try {
    expect(await service.getTransfer(V2_DONE)).toMatchObject({ kind: 'download', state: 'completed', bytesTransferred: 1000, upload: null });
    expect(await service.getTransfer(V2_PAUSED)).toMatchObject({ kind: 'download', state: 'paused', bytesTransferred: 150_000, totalBytes: 400_000 });
    await service.resume(V2_PAUSED);
    expect((await waitFinal(service, V2_PAUSED)).state).toBe('completed');
    expect(sha256File(path.join(downloads, 'v2.bin'))).toBe(sha256(file.body));
    expect(server.requestsFor('/fixture/v2.bin')).toMatchObject([{ range: 'bytes=150000-', ifRange: file.etag, status: 206 }]);
  } finally {
    await service.shutdown();
  }
  expect(JSON.parse(fs.readFileSync(path.join(home, 'state.json'), 'utf8'))).toMatchObject({ version: STATE_VERSION });
  // Its X-Trace header, kept in the plain state by that version, now lives with the credentials (and was still sent).
  expect(fs.readFileSync(path.join(home, 'state.json'), 'utf8')).not.toContain('fixture-v2');
  expect(JSON.parse(fs.readFileSync(path.join(home, 'secrets.json'), 'utf8'))).toEqual({ [V2_PAUSED]: { headers: { 'x-trace': 'fixture-v2' } } });
  expect(server.requestsFor('/fixture/v2.bin')[0]!.headers['x-trace']).toBe('fixture-v2');
  expect(warnings).toEqual([]);
});

// Written by main at 75d0079 (state version 3, its own TransferService over the daemon's file
// stores): a completed download, one paused at 155000 of 400000 bytes, and a tus upload of
// 5,000,000 bytes paused after the server made its URL. Placeholders as above; the tus URL is
// made on this test's server, which holds the first 300,000 bytes.
const FIXTURE_V3 = path.resolve(import.meta.dirname, '../fixtures/state-v3-main-75d0079.json');
const V3_PAUSED = 'ea8bab64-550a-46f7-abbd-45f25adb8431';
const V3_DONE = '7b045e88-b5b4-4cf7-ac79-5722484b9a04';
const V3_UPLOAD = 'd3676743-1015-40e9-97cb-a3e320a36665';

it('loads a version 3 state file from main: the protocols\' facts move into protocolState, and the download and the tus upload continue', async () => {
  const { home, downloads } = homeAndDownloads();
  const file = randomFile(400_000, { etag: '"v3fixture75d0079"', lastModified: 'Sat, 05 Dec 2026 12:00:00 GMT' });
  server.serve('/fixture/v3.bin', file);
  fs.writeFileSync(path.join(downloads, 'v3.bin.part'), file.body.subarray(0, 155_000));
  fs.writeFileSync(path.join(downloads, 'done.bin'), Buffer.alloc(1000, 1));
  const upload = path.join(work, 'up.bin');
  fs.writeFileSync(upload, randomBytes(5_000_000));
  const tus = await new TusTestServer(path.join(work, 'tus')).start();
  try {
    const created = await fetch(tus.endpoint, { method: 'POST', headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': '5000000' } });
    const uploadUrl = new URL(created.headers.get('location')!, tus.endpoint).toString();
    await fetch(uploadUrl, {
      method: 'PATCH',
      headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
      body: fs.readFileSync(upload).subarray(0, 300_000),
    });
    let text = fs.readFileSync(FIXTURE_V3, 'utf8')
      .replaceAll('__DOWNLOADS__', downloads)
      .replaceAll('__ORIGIN__', new URL(server.url('/')).origin)
      .replaceAll('__TUS_ENDPOINT__', tus.endpoint)
      .replaceAll('__TUS_UPLOAD_URL__', uploadUrl)
      .replaceAll('__UPLOAD_FILE__', upload)
      .replaceAll('__UPLOAD_MTIME__', String(fs.statSync(upload).mtimeMs));
    text = withIdentities(text, { PART: path.join(downloads, 'v3.bin.part'), DONE: path.join(downloads, 'done.bin') });
    fs.writeFileSync(path.join(home, 'state.json'), text);

    const warnings: string[] = [];
    const service = new TransferService({ ...openHomeStores(home, (m) => warnings.push(m)), warn: (m) => warnings.push(m) });
    await service.start();
    try {
      expect(await service.getTransfer(V3_DONE)).toMatchObject({ state: 'completed', bytesTransferred: 1000 });
      expect(await service.getTransfer(V3_PAUSED)).toMatchObject({ state: 'paused', bytesTransferred: 155_000, totalBytes: 400_000 });
      expect(await service.getTransfer(V3_UPLOAD)).toMatchObject({ kind: 'upload', state: 'paused', upload: { protocol: 'tus' } });
      await service.resume(V3_PAUSED);
      await service.resume(V3_UPLOAD);
      expect((await waitFinal(service, V3_PAUSED)).state).toBe('completed');
      expect(sha256File(path.join(downloads, 'v3.bin'))).toBe(sha256(file.body));
      // The validator still proves the version: the missing bytes only, with If-Range.
      expect(server.requestsFor('/fixture/v3.bin')).toMatchObject([{ range: 'bytes=155000-', ifRange: file.etag, status: 206 }]);
      const sent = await waitFinal(service, V3_UPLOAD);
      expect(sent).toMatchObject({ state: 'completed', bytesTransferred: 5_000_000 });
      expect(sha256File(tus.fileFor(uploadUrl))).toBe(sha256File(upload));
      // The kept URL was used: asked for its offset, no second upload created.
      expect(tus.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      expect(tus.requests.some((r) => r.method === 'HEAD' && uploadUrl.endsWith(r.url))).toBe(true);
    } finally {
      await service.shutdown();
    }
    const saved = JSON.parse(fs.readFileSync(path.join(home, 'state.json'), 'utf8')) as { version: number; operations: Record<string, Record<string, unknown>> };
    expect(saved.version).toBe(STATE_VERSION);
    expect(saved.operations[V3_PAUSED]).toMatchObject({ protocolState: { protocol: 'http', etag: file.etag, lastModified: 'Sat, 05 Dec 2026 12:00:00 GMT' } });
    expect(saved.operations[V3_PAUSED]).not.toHaveProperty('validator');
    expect(saved.operations[V3_UPLOAD]).toMatchObject({ protocolState: { protocol: 'tus', uploadUrl } });
    expect(saved.operations[V3_UPLOAD]).not.toHaveProperty('resumeUrl');
    expect(warnings).toEqual([]);
  } finally {
    await tus.close();
  }
});

// Written by main at fa81f22 (state version 4, before segmented downloads): a completed download,
// and one of 6,000,000 bytes with its own 2 MB/s limit paused at 1,225,000 (connections 1, then the
// only value). Placeholders as above.
const FIXTURE_V4 = path.resolve(import.meta.dirname, '../fixtures/state-v4-main-fa81f22.json');
const V4_PAUSED = 'fe148caa-7fca-4d7c-8d64-4b5f7d8817c4';
const V4_DONE = 'fc27430c-c23e-4d7c-82fc-e654b38355c6';

it('loads a version 4 state file from main: connections become automatic, and the paused download continues over several from its bytes on disk', async () => {
  const { home, downloads } = homeAndDownloads();
  const file = randomFile(6_000_000, { etag: '"v4fixturefa81f22"', lastModified: 'Sun, 06 Dec 2026 03:00:00 GMT', rate: 1_000_000 });
  server.serve('/fixture/v4.bin', file);
  fs.writeFileSync(path.join(downloads, 'v4.bin.part'), file.body.subarray(0, 1_225_000));
  fs.writeFileSync(path.join(downloads, 'done.bin'), Buffer.alloc(1000, 1));
  let text = fs.readFileSync(FIXTURE_V4, 'utf8').replaceAll('__DOWNLOADS__', downloads).replaceAll('__ORIGIN__', new URL(server.url('/')).origin);
  text = withIdentities(text, { PART: path.join(downloads, 'v4.bin.part'), DONE: path.join(downloads, 'done.bin') });
  fs.writeFileSync(path.join(home, 'state.json'), text);

  const warnings: string[] = [];
  const service = new TransferService({ ...openHomeStores(home, (m) => warnings.push(m)), warn: (m) => warnings.push(m) });
  await service.start();
  try {
    expect(await service.getTransfer(V4_DONE)).toMatchObject({ state: 'completed', bytesTransferred: 1000, segments: null });
    expect(await service.getTransfer(V4_PAUSED)).toMatchObject({ state: 'paused', bytesTransferred: 1_225_000, totalBytes: 6_000_000, limitBytesPerSec: 2_000_000 });
    await service.resume(V4_PAUSED);
    const done = await waitFinal(service, V4_PAUSED, 60_000);
    expect(done.state).toBe('completed');
    expect(sha256File(path.join(downloads, 'v4.bin'))).toBe(sha256(file.body));
    // The bytes on disk were kept (the first request asks from them, proving the version), and the
    // rest came over more than one connection.
    const requests = server.requestsFor('/fixture/v4.bin');
    expect(requests[0]).toMatchObject({ range: 'bytes=1225000-', ifRange: file.etag, status: 206 });
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect(requests.slice(1).every((r) => /^bytes=\d+-\d+$/.test(r.range ?? '') && r.status === 206)).toBe(true);
  } finally {
    await service.shutdown();
  }
  const saved = JSON.parse(fs.readFileSync(path.join(home, 'state.json'), 'utf8')) as { version: number; operations: Record<string, Record<string, unknown>> };
  expect(saved.version).toBe(STATE_VERSION);
  expect(saved.operations[V4_PAUSED]).toMatchObject({ connections: null, doneRanges: [[0, 6_000_000]] });
  expect(saved.operations[V4_DONE]).toMatchObject({ connections: null, doneRanges: null });
  expect(warnings).toEqual([]);
});

// Written by main at 411a91e (state version 5, its own daemon, one at a time): hold.bin was running
// (44000 bytes on disk) with a.bin, b.bin (high priority) and c.bin queued behind it.
const FIXTURE_V5 = path.resolve(import.meta.dirname, '../fixtures/state-v5-main-411a91e-queue.json');
const V5 = { hold: '76ce22f6-4d12-4d04-acfe-4468971571f3', a: 'c288b854-98c1-4b29-8f25-8a4785572f3d', b: '74532d01-cde4-4b22-a74d-bf8e34cd8761', c: 'd60c51d2-98df-4daf-9537-d8e4067b80d5' };

it('loads a version 5 state file from main: the queue keeps its order as its explicit place, which can then be moved', async () => {
  const { home, downloads } = homeAndDownloads();
  const hold = randomFile(10_000_000, { etag: '"v5hold"', lastModified: null, rate: 100_000 });
  server.serve('/fixture/hold.bin', hold);
  const files = Object.fromEntries(['a', 'b', 'c'].map((name) => [name, randomFile(1000)]));
  for (const [name, file] of Object.entries(files)) server.serve(`/fixture/${name}.bin`, file);
  fs.writeFileSync(path.join(downloads, 'hold.bin.part'), hold.body.subarray(0, 44_000));
  let text = fs.readFileSync(FIXTURE_V5, 'utf8').replaceAll('__DOWNLOADS__', downloads).replaceAll('__ORIGIN__', new URL(server.url('/')).origin);
  text = withIdentities(text, { HOLD: path.join(downloads, 'hold.bin.part') });
  fs.writeFileSync(path.join(home, 'state.json'), text);

  const warnings: string[] = [];
  const service = new TransferService({ ...openHomeStores(home, (m) => warnings.push(m)), warn: (m) => warnings.push(m) });
  await service.start();
  try {
    // The place is the creation order, as the queue was before; the one running goes on from its bytes.
    const placed = Object.fromEntries((await service.listTransfers()).map((t) => [t.id, t.queueOrder]));
    expect(placed).toEqual({ [V5.hold]: 1, [V5.a]: 2, [V5.b]: 3, [V5.c]: 4 });
    // The high one first, as before (priority, then place), then the one that was running.
    expect((await waitFinal(service, V5.b)).state).toBe('completed');
    await waitFor(service, V5.hold, (t) => t.state === 'running');
    await service.moveInQueue([V5.c], 'top');
    await service.pause(V5.hold);
    for (const id of [V5.a, V5.b, V5.c]) expect((await waitFinal(service, id)).state).toBe('completed');
    // Then c, moved to the top, before a.
    const order = server.requests.map((r) => r.path).filter((p) => /\/[abc]\.bin$/.test(p));
    expect(order).toEqual(['/fixture/b.bin', '/fixture/c.bin', '/fixture/a.bin']);
    for (const name of ['a', 'b', 'c']) expect(sha256File(path.join(downloads, `${name}.bin`))).toBe(sha256(files[name]!.body));
    expect(server.requestsFor('/fixture/hold.bin')[0]).toMatchObject({ range: 'bytes=44000-', ifRange: hold.etag, status: 206 });
  } finally {
    await service.shutdown();
  }
  const saved = JSON.parse(fs.readFileSync(path.join(home, 'state.json'), 'utf8')) as { version: number; operations: Record<string, { queueOrder: number; priority: string }> };
  expect(saved.version).toBe(STATE_VERSION);
  expect(saved.operations[V5.c]).toMatchObject({ priority: 'default' });
  expect(saved.operations[V5.c]!.queueOrder).toBeLessThan(saved.operations[V5.a]!.queueOrder);
  expect(warnings).toEqual([]);
});
