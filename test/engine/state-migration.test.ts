// A state.json written by main before state version 2 (commit 1781d47, made with its own daemon:
// a download paused at 275000 of 400000 bytes) loads, and the download resumes after the upgrade.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, tempDir, waitFinal } from '../helpers/engine.ts';
import { FileSecretStore, openJobStore } from '../../electron/daemon/file-stores.ts';
import { TransferService } from '../../electron/engine/transfer-service.ts';
import { STATE_VERSION } from '../../electron/engine/state-migrations.ts';

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
  const home = path.join(work, 'home');
  const downloads = path.join(work, 'downloads');
  fs.mkdirSync(home, { mode: 0o700 });
  fs.mkdirSync(downloads);
  const file = randomFile(400_000, { etag: '"5ab16e67bfb9a665"', lastModified: 'Tue, 01 Dec 2026 11:06:42 GMT' });
  server.serve('/fixture/data.bin', file);
  const origin = new URL(server.url('/')).origin;
  fs.writeFileSync(path.join(home, 'state.json'), fs.readFileSync(FIXTURE, 'utf8').replaceAll('__DOWNLOADS__', downloads).replaceAll('__ORIGIN__', origin));
  fs.writeFileSync(path.join(downloads, 'data.bin.part'), file.body.subarray(0, 275_000));

  const warnings: string[] = [];
  const service = new TransferService({ store: await openJobStore(home, (m) => warnings.push(m)), secrets: new FileSecretStore(path.join(home, 'secrets.json'), () => undefined), warn: (m) => warnings.push(m) });
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
