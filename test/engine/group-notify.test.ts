// A completion group's host actions on real bytes: "notify" fires once through the injected
// notifier with the group's results in words, "open the folder" opens the finished file's folder
// (the move's, when there is one); both are kept in the group's history and survive a restart; a
// host without them refuses them in words when the group is made.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { makeService, sha256File, tempDir, waitFinal, waitGroupFired } from '../helpers/engine.ts';
import { plainGroupActions } from '../../electron/engine/groups/group-actions.ts';
import { MemoryJobStore, MemorySecretStore } from '../../electron/engine/state/store.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';
import type { GroupNotice } from '../../shared/groups.ts';

let server: FaultServer;
let dir: string;
let service: TransferService;
let notices: GroupNotice[];
let opened: string[];
const store = new MemoryJobStore();
const secrets = new MemorySecretStore();
const actions = () =>
  plainGroupActions({}, {
    notify: async (notice) => {
      notices.push(notice);
      return 'shown';
    },
    openFolder: async (folder) => {
      opened.push(folder);
      return null;
    },
  });

beforeEach(async () => {
  server = await new FaultServer().start();
  dir = tempDir();
  notices = [];
  opened = [];
  service = await makeService(dir, { store, secrets, groupActions: actions() });
});

afterEach(async () => {
  await service.shutdown();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});


it('a group of two (one 404) notifies once with its results and opens the finished file folder', async () => {
  const file = randomFile(250_000);
  server.serve('/a.bin', file);
  await service.createGroup({ name: 'pair', onComplete: { notify: true, openFolder: true } });
  const a = (await service.createDownload({ url: server.url('/a.bin'), dir, group: 'pair' })).id;
  await service.createDownload({ url: server.url('/missing.bin'), dir, group: 'pair' });
  expect(notices).toEqual([]);
  await service.closeGroup('pair');
  const g = await waitGroupFired(service, 'pair');

  expect(sha256File(path.join(dir, 'a.bin'))).toBe(sha256(file.body));
  expect(notices).toEqual([{ group: 'pair', title: 'Group pair finished', body: '1 completed, 1 failed', ok: false, counts: { completed: 1, failed: 1 } }]);
  expect(opened).toEqual([dir]);
  expect(g.onComplete).toEqual({ run: null, moveTo: null, openFolder: true, notify: true });
  expect(g.history.map((h) => h.outcomes.map((o) => [o.action, o.ok, o.message]))).toEqual([
    [
      ['open', true, `opened ${dir}`],
      ['notify', true, 'shown'],
    ],
  ]);

  // Once: a member finishing again, or a new start, tells nobody again.
  await service.restart(a);
  await waitFinal(service, a);
  await service.shutdown();
  service = await makeService(dir, { store, secrets, groupActions: actions() });
  expect((await service.listGroups()).find((x) => x.name === 'pair')).toMatchObject({ onComplete: { openFolder: true, notify: true }, history: [{ outcomes: [{ action: 'open' }, { action: 'notify' }] }] });
  expect(notices).toHaveLength(1);
  expect(opened).toHaveLength(1);
});

it('a host without them refuses open and notify in words; the plain host still takes move and run', async () => {
  await service.shutdown();
  service = await makeService(dir, { groupActions: plainGroupActions() });
  await expect(service.createGroup({ name: 'open', onComplete: { openFolder: true } })).rejects.toThrow('opening the folder when a group finishes is only possible in the desktop app (the daemon has no screen to open it on)');
  await expect(service.createGroup({ name: 'tell', onComplete: { notify: true } })).rejects.toThrow('this host cannot show a notification when a group finishes');
  expect((await service.listGroups()).map((g) => g.name)).toEqual([]);
  expect((await service.createGroup({ name: 'moved', onComplete: { moveTo: path.join(dir, 'done') } })).onComplete).toEqual({ run: null, moveTo: path.join(dir, 'done') });
});
