// Completion groups in the engine: closed and every member finished, the actions run once, with
// each member's result; a slow member holds the group back; a removed member keeps its result; the
// program's exit code and first 64 KiB of output are kept; the move action; the saved state.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { makeService, sha256File, useEngineTestBed, waitFinal, waitFor } from '../helpers/engine.ts';
import { groupProgram } from '../helpers/group-program.ts';
import { plainGroupActions } from '../../electron/engine/groups/group-actions.ts';
import { MemoryJobStore } from '../../electron/engine/state/store.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';
import type { GroupInfo } from '../../shared/model.ts';

const bed = useEngineTestBed({ groupActions: plainGroupActions() });

async function group(service: TransferService, name: string): Promise<GroupInfo> {
  const found = (await service.listGroups()).find((g) => g.name === name);
  if (!found) throw new Error(`no group ${name}`);
  return found;
}

async function fired(service: TransferService, name: string): Promise<GroupInfo> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const g = await group(service, name);
    if (g.firedAt) return g;
    if (Date.now() > deadline) throw new Error(`group ${name} did not fire: ${JSON.stringify(g)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('a closed group of three (one 404) runs its program once, with each member id, url, path, state and error', async () => {
  const program = groupProgram(bed.dir);
  const a = randomFile(300_000);
  const b = randomFile(200_000);
  bed.server.serve('/a.bin', a).serve('/b.bin', b);
  await bed.service.createGroup({ name: 'three', onComplete: { run: program.words() } });
  const ids: string[] = [];
  for (const name of ['a.bin', 'missing.bin', 'b.bin']) ids.push((await bed.service.createDownload({ url: bed.server.url(`/${name}`), dir: bed.dir, group: 'three' })).id);
  // A login given to Ferry in its environment is not the program's.
  process.env['FERRY_PROXY_USER'] = 'user:secret';
  await bed.service.closeGroup('three').finally(() => delete process.env['FERRY_PROXY_USER']);
  const g = await fired(bed.service, 'three');

  expect(program.runs()).toHaveLength(1);
  const [run] = program.runs();
  expect(run!.group).toBe('three');
  expect(run!.leaked).toEqual([]);
  expect(run!.members.map((m) => [m.id, m.url, m.state, m.error?.status ?? null])).toEqual([
    [ids[0], bed.server.url('/a.bin'), 'completed', null],
    [ids[1], bed.server.url('/missing.bin'), 'failed', 'NotFound'],
    [ids[2], bed.server.url('/b.bin'), 'completed', null],
  ]);
  expect(sha256File(run!.members[0]!.path!)).toBe(sha256(a.body));
  expect(sha256File(run!.members[2]!.path!)).toBe(sha256(b.body));
  expect(g).toMatchObject({ closed: true, running: false, history: [{ rerun: false, outcomes: [{ action: 'run', ok: true, exitCode: 0, output: 'ran for three\n', truncated: false }] }] });

  // Once: a member restarted and finished again does not run it a second time, nor does a new start.
  await bed.service.restart(ids[0]!);
  await waitFor(bed.service, ids[0]!, (t) => t.state === 'completed' && t.history.filter((h) => h.to === 'completed').length === 2);
  await expect(bed.service.createDownload({ url: bed.server.url('/a.bin'), dir: bed.dir, group: 'three' })).rejects.toThrow(/group three is closed/);
  expect(program.runs()).toHaveLength(1);
  expect((await group(bed.service, 'three')).history).toHaveLength(1);
});

it('a group with a slow member does not fire before that member has finished', async () => {
  const program = groupProgram(bed.dir);
  bed.server.serve('/fast1.bin', randomFile(10_000)).serve('/fast2.bin', randomFile(10_000)).serve('/slow.bin', randomFile(1_500_000, { rate: 500_000 }));
  await bed.service.createGroup({ name: 'slow', onComplete: { run: program.words() } });
  const fast: string[] = [];
  for (const name of ['fast1.bin', 'fast2.bin']) fast.push((await bed.service.createDownload({ url: bed.server.url(`/${name}`), dir: bed.dir, group: 'slow' })).id);
  const slow = (await bed.service.createDownload({ url: bed.server.url('/slow.bin'), dir: bed.dir, group: 'slow' })).id;
  await bed.service.closeGroup('slow');
  for (const id of fast) expect((await waitFinal(bed.service, id)).state).toBe('completed');
  expect((await bed.service.getTransfer(slow)).state).not.toBe('completed');
  expect(await group(bed.service, 'slow')).toMatchObject({ running: false, firedAt: null, history: [] });
  expect(program.runs()).toEqual([]);
  expect((await waitFinal(bed.service, slow)).state).toBe('completed');
  await fired(bed.service, 'slow');
  expect(program.runs().map((r) => r.members.map((m) => m.state))).toEqual([['completed', 'completed', 'completed']]);
});

it('a member removed from the list keeps its result in the group: finished ones as they ended, an unfinished one as canceled', async () => {
  const program = groupProgram(bed.dir);
  bed.server.serve('/kept.bin', randomFile(10_000)).serve('/stays.bin', randomFile(10_000)).serve('/endless.bin', randomFile(2_000_000, { rate: 100_000 }));
  const kept = await waitFinal(bed.service, (await bed.service.createDownload({ url: bed.server.url('/kept.bin'), dir: bed.dir, group: 'rm' })).id);
  const stays = await waitFinal(bed.service, (await bed.service.createDownload({ url: bed.server.url('/stays.bin'), dir: bed.dir, group: 'rm' })).id);
  const endless = await bed.service.createDownload({ url: bed.server.url('/endless.bin'), dir: bed.dir, group: 'rm' });
  await bed.service.createGroup({ name: 'rm', onComplete: { run: program.words() } });
  await bed.service.remove(kept.id);
  await bed.service.closeGroup('rm');
  expect(program.runs()).toEqual([]);
  await bed.service.remove(endless.id);
  const g = await fired(bed.service, 'rm');
  expect(g.members.map((m) => [m.id, m.state, m.error?.message ?? null])).toEqual([
    [kept.id, 'completed', null],
    [stays.id, 'completed', null],
    [endless.id, 'canceled', 'removed from the list before it finished'],
  ]);
  expect(program.runs()[0]!.members.map((m) => m.id)).toEqual([kept.id, stays.id, endless.id]);
  expect(program.runs()[0]!.members[0]!.path).toBe(kept.path);
});

it("keeps the program's exit code and the first 64 KiB of its output", async () => {
  const program = groupProgram(bed.dir);
  bed.server.serve('/one.bin', randomFile(1000));
  await bed.service.createGroup({ name: 'loud', onComplete: { run: program.words(3, 100_000) } });
  await bed.service.createDownload({ url: bed.server.url('/one.bin'), dir: bed.dir, group: 'loud' });
  await bed.service.closeGroup('loud');
  const [outcome] = (await fired(bed.service, 'loud')).history[0]!.outcomes;
  expect(outcome).toMatchObject({ action: 'run', ok: false, exitCode: 3, signal: null, truncated: true });
  expect(outcome!.output).toHaveLength(64 * 1024);
  expect(outcome!.output.startsWith('ran for loud\nxxx')).toBe(true);
  expect(outcome!.message).toMatch(/exited with 3$/);
});

it('a program that cannot be started is an outcome in words, not a crash', async () => {
  bed.server.serve('/one.bin', randomFile(1000));
  await bed.service.createGroup({ name: 'nothing', onComplete: { run: [path.join(bed.dir, 'no-such-program'), 'arg'] } });
  await bed.service.createDownload({ url: bed.server.url('/one.bin'), dir: bed.dir, group: 'nothing' });
  await bed.service.closeGroup('nothing');
  expect((await fired(bed.service, 'nothing')).history[0]!.outcomes).toMatchObject([{ action: 'run', ok: false, exitCode: null, message: expect.stringMatching(/could not start .*no-such-program: no such program/) as unknown }]);
});

it('moves the finished files into the folder before the program runs, which reads their new paths; the list follows', async () => {
  const program = groupProgram(bed.dir);
  const moveTo = path.join(bed.dir, 'done', 'here');
  const file = randomFile(50_000);
  bed.server.serve('/m.bin', file);
  fs.mkdirSync(moveTo, { recursive: true });
  fs.writeFileSync(path.join(moveTo, 'm.bin'), 'already there');
  await bed.service.createGroup({ name: 'mv', onComplete: { run: program.words(), moveTo } });
  const t = await bed.service.createDownload({ url: bed.server.url('/m.bin'), dir: bed.dir, group: 'mv' });
  const missing = await bed.service.createDownload({ url: bed.server.url('/gone.bin'), dir: bed.dir, group: 'mv' });
  await bed.service.closeGroup('mv');
  const g = await fired(bed.service, 'mv');
  const target = path.join(moveTo, 'm (1).bin');
  expect(g.history[0]!.outcomes.map((o) => [o.action, o.ok])).toEqual([['move', true], ['run', true]]);
  expect(sha256File(target)).toBe(sha256(file.body));
  expect(fs.readFileSync(path.join(moveTo, 'm.bin'), 'utf8')).toBe('already there');
  expect(fs.existsSync(path.join(bed.dir, 'm.bin'))).toBe(false);
  expect((await bed.service.getTransfer(t.id)).path).toBe(target);
  expect(program.runs()[0]!.members.map((m) => [m.id, m.path])).toEqual([[t.id, target], [missing.id, null]]);
});

it('refuses what cannot work at once: a closed or empty group, a relative folder, actions on a host that runs none', async () => {
  await expect(bed.service.closeGroup('nobody')).rejects.toMatchObject({ status: 'InvalidArgument', message: 'no group named nobody' });
  await bed.service.createGroup({ name: 'empty' });
  await expect(bed.service.closeGroup('empty')).rejects.toThrow(/has no transfers yet/);
  await expect(bed.service.createGroup({ name: 'rel', onComplete: { moveTo: 'relative/dir' } })).rejects.toThrow(/must be an absolute path/);
  const bare = await makeService(bed.dir);
  try {
    await expect(bare.createGroup({ name: 'x', onComplete: { run: ['true'] } })).rejects.toThrow(/does not run a group's actions/);
  } finally {
    await bare.shutdown();
  }
});

it("a start that finds a group's actions cut short runs them again and says so; a fired group never runs again", async () => {
  const store = new MemoryJobStore();
  const program = groupProgram(bed.dir);
  bed.server.serve('/r.bin', randomFile(1000));
  let started!: () => void;
  const startedRunning = new Promise<void>((resolve) => (started = resolve));
  // A runner that never ends: Ferry "dies" while it runs (the next service reads the saved state).
  const first = await makeService(bed.dir, {
    store,
    groupActions: ({ signal }) => {
      started();
      return new Promise((resolve) => signal.addEventListener('abort', () => resolve({ outcomes: [], moved: [] })));
    },
  });
  await first.createGroup({ name: 'again', onComplete: { run: program.words() } });
  await first.createDownload({ url: bed.server.url('/r.bin'), dir: bed.dir, group: 'again' });
  await first.closeGroup('again');
  await startedRunning;
  expect(await group(first, 'again')).toMatchObject({ running: true, firedAt: null });
  const afterCrash = store.load();
  expect(afterCrash.groups['again']!.firing).not.toBeNull();

  await first.shutdown();
  // Shutting down while they run leaves the marker too.
  expect(store.load().groups['again']!.firing).toBe(afterCrash.groups['again']!.firing);
  const crashed = new MemoryJobStore();
  crashed.save(afterCrash);
  const warnings: string[] = [];
  const second = await makeService(bed.dir, { store: crashed, groupActions: plainGroupActions(), warn: (m) => warnings.push(m) });
  try {
    const g = await fired(second, 'again');
    expect(g.history).toMatchObject([{ rerun: true, outcomes: [{ exitCode: 0 }] }]);
    expect(warnings.some((w) => /group again: Ferry stopped while its actions ran .*running them again/.test(w))).toBe(true);
    expect(program.runs()).toHaveLength(1);
  } finally {
    await second.shutdown();
  }
  const third = await makeService(bed.dir, { store: crashed, groupActions: plainGroupActions() });
  try {
    expect((await group(third, 'again')).history).toHaveLength(1);
    expect(program.runs()).toHaveLength(1);
  } finally {
    await third.shutdown();
  }
});
