// Completion groups of uploads fire as those of downloads do: once the group is closed and each
// upload has ended (one refused by the server with 403), the program runs once with every member's
// result and the notifier is told once; the bytes the server got are the files' (sha256).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeService, sha256File, tempDir, waitFinal, writeRandomFile, waitGroupFired } from '../helpers/engine.ts';
import { UploadServer } from '../helpers/upload-server.ts';
import { groupProgram } from '../helpers/group-program.ts';
import { plainGroupActions } from '../../electron/engine/groups/group-actions.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';
import type { GroupNotice } from '../../shared/groups.ts';

let server: UploadServer;
let dir: string;
let service: TransferService;
let notices: GroupNotice[];

beforeEach(async () => {
  server = await new UploadServer().start();
  dir = tempDir('ferry-upload-groups-');
  notices = [];
  service = await makeService(dir, { groupActions: plainGroupActions({}, {
      notify: async (notice) => {
        notices.push(notice);
        return 'shown';
      },
    }) });
});

afterEach(async () => {
  await service.shutdown();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('a closed group of two uploads (one refused) runs its program and notifies once, with both results', async () => {
  const program = groupProgram(dir);
  const a = writeRandomFile(dir, 'a.bin', 400_000);
  const b = writeRandomFile(dir, 'b.bin', 100_000);
  server.fault('/put/b.bin', { kind: 'status', code: 403, body: 'no' });
  await service.createGroup({ name: 'sent', onComplete: { run: program.words(), notify: true } });
  const ta = await service.createUpload({ url: server.url('/put/a.bin'), files: [{ path: a }], group: 'sent' });
  const tb = await service.createUpload({ url: server.url('/put/b.bin'), files: [{ path: b }], group: 'sent' });
  await service.closeGroup('sent');
  expect((await waitFinal(service, ta.id)).state).toBe('completed');
  expect((await waitFinal(service, tb.id)).state).toBe('failed');
  const g = await waitGroupFired(service, 'sent');
  expect(server.received.find((r) => r.path === '/put/a.bin')).toMatchObject({ sha256: sha256File(a), size: 400_000, complete: true });
  expect(program.runs()).toHaveLength(1);
  expect(program.runs()[0]!.members.map((m) => [m.id, m.path, m.state, m.error?.status ?? null])).toEqual([
    [ta.id, a, 'completed', null],
    [tb.id, b, 'failed', 'Forbidden'],
  ]);
  expect(notices).toEqual([{ group: 'sent', title: 'Group sent finished', body: '1 completed, 1 failed', ok: false, counts: { completed: 1, failed: 1 } }]);
  expect(g.history).toMatchObject([{ outcomes: [{ action: 'run', ok: true }, { action: 'notify', ok: true }] }]);
  // The uploads' files stay where they were.
  expect(fs.existsSync(path.join(dir, 'a.bin')) && fs.existsSync(path.join(dir, 'b.bin'))).toBe(true);
});
