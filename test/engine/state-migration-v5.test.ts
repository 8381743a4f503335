// A state.json written by main at 411a91e (state version 5, its own daemon): a serialized group
// "nightly" of a completed download and one paused at 1000 of 100000 bytes, and a download in no
// group. Version 6 makes groups completion groups: "nightly" loads open, with both members in
// order, and works as one: given a program, closed, its paused member resumed, it fires once.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FaultServer, sha256 } from '../helpers/fault-server.ts';
import { sha256File, tempDir, waitFinal } from '../helpers/engine.ts';
import { withIdentities } from '../helpers/state-fixtures.ts';
import { groupProgram } from '../helpers/group-program.ts';
import { openHomeStores } from '../../electron/daemon/file-stores.ts';
import { TransferService } from '../../electron/engine/transfer-service.ts';
import { plainGroupActions } from '../../electron/engine/groups/group-actions.ts';
import { STATE_VERSION } from '../../electron/engine/state/state-migrations.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/state-v5-main-411a91e.json');
const DONE = '58600699-a17d-412d-b0d9-f98592c9617b';
const SLOW = '54134caa-032f-4037-af0b-0c272e01e460';
const OTHER = 'a0588ae3-eea6-4e3e-bb27-3148cfb46aaa';
// What the fixture's server sent: 100000 bytes of 7 (done.bin and other.bin with ETag "f1", slow.bin "s1").
const BODY = Buffer.alloc(100_000, 7);

let server: FaultServer;
let work: string;
beforeEach(async () => {
  server = await new FaultServer().start();
  work = tempDir('ferry-migrate-v5-');
});
afterEach(async () => {
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

it('loads a version 5 state with a group: the group is an open completion group of its members, and fires once when closed', async () => {
  const home = path.join(work, 'home');
  const downloads = path.join(work, 'downloads');
  fs.mkdirSync(home, { mode: 0o700 });
  fs.mkdirSync(downloads);
  server.serve('/slow.bin', { body: BODY, etag: '"s1"', lastModified: null });
  fs.writeFileSync(path.join(downloads, 'done.bin'), BODY);
  fs.writeFileSync(path.join(downloads, 'other.bin'), BODY);
  fs.writeFileSync(path.join(downloads, 'slow.bin.part'), BODY.subarray(0, 1000));
  let text = fs.readFileSync(FIXTURE, 'utf8').replaceAll('__DOWNLOADS__', downloads).replaceAll('__ORIGIN__', new URL(server.url('/')).origin);
  text = withIdentities(text, { DONE: path.join(downloads, 'done.bin'), OTHER: path.join(downloads, 'other.bin'), SLOW: path.join(downloads, 'slow.bin.part') });
  fs.writeFileSync(path.join(home, 'state.json'), text);
  const program = groupProgram(work);

  const warnings: string[] = [];
  const service = new TransferService({ ...openHomeStores(home, (m) => warnings.push(m)), warn: (m) => warnings.push(m), groupActions: plainGroupActions() });
  await service.start();
  try {
    expect(await service.listGroups()).toEqual([
      {
        name: 'nightly',
        behavior: 'serialized',
        closed: false,
        onComplete: null,
        members: [
          { id: DONE, kind: 'download', url: server.url('/done.bin'), path: path.join(downloads, 'done.bin'), state: 'completed', error: null },
          { id: SLOW, kind: 'download', url: server.url('/slow.bin'), path: path.join(downloads, 'slow.bin'), state: 'paused', error: null },
        ],
        running: false,
        firedAt: null,
        history: [],
        // Older files have no windows of a group: none of its own.
        runWindows: [],
      },
    ]);
    expect((await service.getTransfer(OTHER)).group).toBeNull();
    // Still the group it was (serialized), now with something to run.
    expect(await service.createGroup({ name: 'nightly', onComplete: { run: program.words() } })).toMatchObject({ behavior: 'serialized', members: [{ id: DONE }, { id: SLOW }] });
    await service.closeGroup('nightly');
    await service.resume(SLOW);
    expect((await waitFinal(service, SLOW)).state).toBe('completed');
    expect(sha256File(path.join(downloads, 'slow.bin'))).toBe(sha256(BODY));
    expect(server.requestsFor('/slow.bin')).toMatchObject([{ range: 'bytes=1000-', ifRange: '"s1"', status: 206 }]);
    const fired = async () => (await service.listGroups())[0]!.firedAt;
    for (const deadline = Date.now() + 20_000; !(await fired()) && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(program.runs().map((r) => r.members.map((m) => [m.id, m.state]))).toEqual([[[DONE, 'completed'], [SLOW, 'completed']]]);
  } finally {
    await service.shutdown();
  }
  const saved = JSON.parse(fs.readFileSync(path.join(home, 'state.json'), 'utf8')) as { version: number; groups: Record<string, { closed: boolean; firedAt: string | null; members: string[] }> };
  expect(saved.version).toBe(STATE_VERSION);
  expect(saved.groups['nightly']).toMatchObject({ closed: true, firedAt: expect.any(String) as unknown, members: [DONE, SLOW] });
  expect(warnings).toEqual([]);
});
