// Completion groups through the real `ferry` and daemon: made, filled and closed from the CLI, or
// made by `ferry add --on-complete`; a daemon killed with SIGKILL after two of three members
// finished fires once after its restart; a browser page cannot set a program to run, nor read one.
import fs from 'node:fs';
import path from 'node:path';
import { WebSocket } from 'ws';
import { expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, useSharedServer } from '../helpers/engine.ts';
import { ferry, startDaemon, type RunningDaemon } from '../helpers/cli.ts';
import { groupProgram } from '../helpers/group-program.ts';
import { daemonPort } from '../helpers/raw-client.ts';
import type { GroupInfo } from '../../shared/model.ts';

const shared = useSharedServer();

/** The words as one would type them in a shell (each single-quoted). */
const typed = (words: string[]): string => words.map((w) => `'${w}'`).join(' ');

async function firedGroup(home: string, name: string): Promise<GroupInfo> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const shown = await ferry(['group', 'show', name, '--json', '--home', home]);
    const group = JSON.parse(shown.stdout) as GroupInfo;
    if (group.firedAt) return group;
    if (Date.now() > deadline) throw new Error(`group ${name} did not fire: ${shown.stdout}${shown.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function withDaemon<T>(home: string, body: (daemon: RunningDaemon) => Promise<T>): Promise<T> {
  const daemon = await startDaemon(home);
  try {
    return await body(daemon);
  } finally {
    await daemon.stop();
  }
}

it('ferry group create --on-complete, add --group, close: the program runs once with the results, and group show prints its exit code and output', async () => {
  const home = path.join(shared.work, 'home-cli');
  const work = fs.mkdtempSync(path.join(shared.work, 'cli-'));
  const program = groupProgram(work);
  const a = randomFile(200_000);
  shared.server.serve('/cli/a.bin', a).serve('/cli/b.bin', randomFile(1000));
  await withDaemon(home, async () => {
    const made = await ferry(['group', 'create', 'g', '--on-complete', typed(program.words()), '--home', home]);
    expect(made.stdout).toBe('g parallel\n');
    const ids: string[] = [];
    for (const name of ['a.bin', 'missing.bin', 'b.bin']) ids.push((await ferry(['add', shared.server.url(`/cli/${name}`), '-d', work, '--group', 'g', '--home', home])).stdout.trim());
    const closed = await ferry(['group', 'close', 'g', '--home', home]);
    expect(closed.code).toBe(0);
    const group = await firedGroup(home, 'g');
    expect(group.members.map((m) => [m.id, m.state, m.error?.status ?? null])).toEqual([
      [ids[0], 'completed', null],
      [ids[1], 'failed', 'NotFound'],
      [ids[2], 'completed', null],
    ]);
    expect(program.runs()).toHaveLength(1);
    expect(program.runs()[0]!.members.map((m) => [m.id, m.state])).toEqual(group.members.map((m) => [m.id, m.state]));
    expect(sha256File(program.runs()[0]!.members[0]!.path!)).toBe(sha256(a.body));
    const shown = (await ferry(['group', 'show', 'g', '--home', home])).stdout;
    expect(shown).toMatch(/^g parallel done .* \(.*exited with 0\)\n/);
    expect(shown).toContain(`  on complete: run ${program.words().join(' ')}\n`);
    expect(shown).toMatch(/ {4}run: .* exited with 0\n {6}ran for g\n/);
    expect(shown).toContain(`(NotFound: `);
    expect((await ferry(['group', 'ls', '--home', home])).stdout).toMatch(/^g parallel done /);
    const late = await ferry(['add', shared.server.url('/cli/b.bin'), '-d', work, '--group', 'g', '--home', home]);
    expect(late.stderr).toMatch(/^ferry: InvalidArgument: group g is closed: its members are all in and its actions have run/);
  });
});

it('ferry add URL... --on-complete --on-complete-move makes and closes a group of exactly those; bad quoting is refused before anything is added', async () => {
  const home = path.join(shared.work, 'home-add');
  const work = fs.mkdtempSync(path.join(shared.work, 'add-'));
  const into = path.join(work, 'finished');
  const program = groupProgram(work);
  const one = randomFile(30_000);
  const two = randomFile(40_000);
  shared.server.serve('/add/one.bin', one).serve('/add/two.bin', two);
  await withDaemon(home, async () => {
    const bad = await ferry(['add', shared.server.url('/add/one.bin'), '-d', work, '--on-complete', 'unpack "open', '--home', home]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^ferry: InvalidArgument: --on-complete: a quote \("\) is not closed/);
    const piped = await ferry(['add', shared.server.url('/add/one.bin'), '-d', work, '--on-complete', 'ls | wc', '--home', home]);
    expect(piped.stderr).toMatch(/\| means something only to a shell/);
    expect((await ferry(['ls', '--json', '--home', home])).stdout).toBe('');
    expect((await ferry(['group', 'ls', '--home', home])).stdout).toBe('');

    const added = await ferry(['add', shared.server.url('/add/one.bin'), shared.server.url('/add/two.bin'), '-d', work, '--group', 'pair', '--on-complete', typed(program.words()), '--on-complete-move', into, '--home', home]);
    expect(added.code).toBe(0);
    const ids = added.stdout.trim().split('\n');
    expect(ids).toHaveLength(2);
    expect(added.stderr).toContain('ferry: group pair: its actions run once these 2 transfers have finished');
    const group = await firedGroup(home, 'pair');
    expect(group).toMatchObject({ closed: true, onComplete: { moveTo: into } });
    expect(group.history[0]!.outcomes.map((o) => [o.action, o.ok])).toEqual([['move', true], ['run', true]]);
    expect(sha256File(path.join(into, 'one.bin'))).toBe(sha256(one.body));
    expect(sha256File(path.join(into, 'two.bin'))).toBe(sha256(two.body));
    expect(program.runs()[0]!.members.map((m) => [m.id, m.path])).toEqual([[ids[0], path.join(into, 'one.bin')], [ids[1], path.join(into, 'two.bin')]]);
    const again = await ferry(['add', shared.server.url('/add/one.bin'), '-d', work, '--group', 'pair', '--on-complete', 'true', '--home', home]);
    expect(again.stderr).toMatch(/^ferry: InvalidArgument: group pair exists already/);
  });
});

it('a daemon killed with SIGKILL after two of three members finished fires the group once after its restart', async () => {
  const home = path.join(shared.work, 'home-kill');
  const work = fs.mkdtempSync(path.join(shared.work, 'kill-'));
  const program = groupProgram(work);
  const last = randomFile(300_000);
  shared.server.serve('/kill/a.bin', randomFile(10_000)).serve('/kill/b.bin', randomFile(20_000));
  // The third one's first answer stalls after 1000 bytes; the next (after the restart) is whole.
  shared.server.serve('/kill/c.bin', last, [{ kind: 'stall', afterBytes: 1000 }]);
  const first = await startDaemon(home);
  await ferry(['group', 'create', 'k', '--on-complete', typed(program.words()), '--home', home]);
  const ids: string[] = [];
  for (const name of ['a.bin', 'b.bin', 'c.bin']) ids.push((await ferry(['add', shared.server.url(`/kill/${name}`), '-d', work, '--group', 'k', '--home', home])).stdout.trim());
  await ferry(['group', 'close', 'k', '--home', home]);
  expect((await ferry(['wait', ids[0]!, ids[1]!, '--home', home])).code).toBe(0);
  const before = JSON.parse((await ferry(['group', 'show', 'k', '--json', '--home', home])).stdout) as GroupInfo;
  expect(before.members.map((m) => m.state)).toEqual(['completed', 'completed', 'running']);
  expect(before).toMatchObject({ closed: true, firedAt: null, running: false });
  first.child.kill('SIGKILL');
  await new Promise((resolve) => first.child.once('exit', resolve));
  expect(program.runs()).toEqual([]);

  await withDaemon(home, async () => {
    expect((await ferry(['wait', ids[2]!, '--home', home])).code).toBe(0);
    const group = await firedGroup(home, 'k');
    expect(group.history).toMatchObject([{ rerun: false, outcomes: [{ exitCode: 0 }] }]);
  });
  expect(sha256File(path.join(work, 'c.bin'))).toBe(sha256(last.body));
  expect(program.runs().map((r) => r.members.map((m) => [m.id, m.state]))).toEqual([ids.map((id) => [id, 'completed'])]);
  // Fired is saved: the next start does not run it again.
  await withDaemon(home, async () => {
    expect((await firedGroup(home, 'k')).history).toHaveLength(1);
  });
  expect(program.runs()).toHaveLength(1);
});

it('a daemon killed with SIGKILL while the program ran runs it again at its next start, and says so', async () => {
  const home = path.join(shared.work, 'home-rerun');
  const work = fs.mkdtempSync(path.join(shared.work, 'rerun-'));
  const program = groupProgram(work);
  const gate = path.join(work, 'gate');
  shared.server.serve('/rerun/a.bin', randomFile(5000));
  const first = await startDaemon(home);
  await ferry(['group', 'create', 'r', '--on-complete', typed(program.words(0, 0, gate)), '--home', home]);
  await ferry(['add', shared.server.url('/rerun/a.bin'), '-d', work, '--group', 'r', '--home', home]);
  await ferry(['group', 'close', 'r', '--home', home]);
  for (const deadline = Date.now() + 20_000; program.runs().length === 0 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(JSON.parse((await ferry(['group', 'show', 'r', '--json', '--home', home])).stdout)).toMatchObject({ running: true, firedAt: null });
  first.child.kill('SIGKILL');
  await new Promise((resolve) => first.child.once('exit', resolve));

  await withDaemon(home, async (second) => {
    for (const deadline = Date.now() + 20_000; program.runs().length < 2 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(program.runs()).toHaveLength(2);
    expect(second.stderr()).toMatch(/ferry: warning: group r: Ferry stopped while its actions ran \(started [^)]+\); running them again/);
    fs.writeFileSync(gate, '');
    const group = await firedGroup(home, 'r');
    expect(group.history).toMatchObject([{ rerun: true, outcomes: [{ action: 'run', ok: true, exitCode: 0 }] }]);
    expect((await ferry(['group', 'show', 'r', '--home', home])).stdout).toContain('(again: Ferry had stopped while they ran)');
  });
});

it("a browser page's session cannot set a program to run, over the WebSocket or the RPC; it may make a group that moves files or picks a named action", async () => {
  const home = path.join(shared.work, 'home-browser');
  const work = fs.mkdtempSync(path.join(shared.work, 'browser-'));
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(home, 'actions.json'), JSON.stringify({ actions: { tidy: { program: 'true', args: ['--tidy'] } } }));
  await withDaemon(home, async (daemon) => {
    const origin = new URL(daemon.url).origin;
    const code = new URL(daemon.url).hash.replace('#login=', '');
    const login = await fetch(`${origin}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    const { session } = ((await login.json()) as { result: { session: string } }).result;
    const asked = { name: 'evil', onComplete: { run: ['/bin/sh', '-c', 'touch pwned'] } };
    const refusal = 'createGroup: 0.onComplete.run: a program to run after a group is set only with the ferry command, the desktop app or the settings file, never from a browser page';

    const rpc = await fetch(`${origin}/api/rpc`, { method: 'POST', headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' }, body: JSON.stringify({ method: 'createGroup', args: [asked] }) });
    expect(await rpc.json()).toEqual({ error: { status: 'InvalidArgument', message: refusal, httpStatus: null } });

    const ws = new WebSocket(`ws://127.0.0.1:${daemonPort(daemon.url)}/api/ws`, ['ferry', `ferry.session.${session}`], { origin });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const call = (id: number, args: unknown[]) =>
      new Promise<unknown>((resolve) => {
        const onMessage = (data: Buffer) => {
          const message = JSON.parse(String(data)) as { id?: number };
          if (message.id !== id) return;
          ws.off('message', onMessage);
          resolve(message);
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ id, method: 'createGroup', args }));
      });
    expect(await call(1, [asked])).toEqual({ id: 1, error: { status: 'InvalidArgument', message: refusal, httpStatus: null } });
    const moving = (await call(2, [{ name: 'tidy', onComplete: { moveTo: work } }])) as { result: GroupInfo };
    expect(moving.result).toMatchObject({ name: 'tidy', onComplete: { run: null, moveTo: work } });
    // A program from the actions file, picked by name: the page names no program.
    const picked = (await call(3, [{ name: 'picked', onComplete: { action: 'tidy' } }])) as { result: GroupInfo };
    expect(picked.result).toMatchObject({ name: 'picked', onComplete: { run: null, programHidden: true, action: 'tidy' } });
    expect(await call(4, [{ name: 'nope', onComplete: { action: 'unpack' } }])).toEqual({ id: 4, error: { status: 'InvalidArgument', message: 'no action named unpack in actions.json (it has tidy)', httpStatus: null } });
    ws.close();

    const groups = JSON.parse(`[${(await ferry(['group', 'ls', '--json', '--home', home])).stdout.trim().split('\n').join(',')}]`) as GroupInfo[];
    expect(groups.map((g) => g.name)).toEqual(['tidy', 'picked']);
    expect((await ferry(['group', 'create', 'cli-picked', '--on-complete-action', 'tidy', '--home', home])).code).toBe(0);
    expect((await ferry(['group', 'show', 'cli-picked', '--home', home])).stdout).toContain('  on complete: run true --tidy (the action tidy)\n');
    // The CLI (its token) may.
    expect((await ferry(['group', 'create', 'mine', '--on-complete', 'true', '--home', home])).code).toBe(0);
  });
});

it("a browser page's session is told that a group runs a program (and the action's name), never the program's words: over the RPC, the WebSocket and its groupsChanged events; the CLI sees them", async () => {
  const home = path.join(shared.work, 'home-unseen');
  const work = fs.mkdtempSync(path.join(shared.work, 'unseen-'));
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  const secret = 'tok-unseen-7f3a91';
  fs.writeFileSync(path.join(home, 'actions.json'), JSON.stringify({ actions: { upload: { program: 'true', args: [`--token=${secret}-named`], description: 'send it on' } } }));
  await withDaemon(home, async (daemon) => {
    expect((await ferry(['group', 'create', 'cli-run', '--on-complete', `true --token=${secret}`, '--home', home])).code).toBe(0);
    expect((await ferry(['group', 'create', 'cli-named', '--on-complete-action', 'upload', '--home', home])).code).toBe(0);
    const origin = new URL(daemon.url).origin;
    const code = new URL(daemon.url).hash.replace('#login=', '');
    const login = await fetch(`${origin}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    const { session } = ((await login.json()) as { result: { session: string } }).result;

    const rpcText = await (await fetch(`${origin}/api/rpc`, { method: 'POST', headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' }, body: JSON.stringify({ method: 'listGroups', args: [] }) })).text();
    expect(rpcText).not.toContain(secret);
    const listed = (JSON.parse(rpcText) as { result: GroupInfo[] }).result;
    expect(listed.map((g) => [g.name, g.onComplete])).toEqual([
      ['cli-run', { run: null, programHidden: true, moveTo: null }],
      ['cli-named', { run: null, programHidden: true, moveTo: null, action: 'upload' }],
    ]);

    const ws = new WebSocket(`ws://127.0.0.1:${daemonPort(daemon.url)}/api/ws`, ['ferry', `ferry.session.${session}`], { origin });
    const heard: string[] = [];
    ws.on('message', (data: Buffer) => heard.push(String(data)));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.send(JSON.stringify({ id: 1, method: 'listGroups', args: [] }));
    // A change the CLI makes reaches the page as groupsChanged, and so does the page's own change (its answer too).
    shared.server.serve('/unseen/a.bin', randomFile(1000));
    expect(await ferry(['add', shared.server.url('/unseen/a.bin'), '-d', work, '--group', 'cli-run', '--home', home])).toMatchObject({ code: 0, stderr: '' });
    ws.send(JSON.stringify({ id: 2, method: 'setGroupWindows', args: ['cli-named', []] }));
    await expect.poll(() => heard.filter((m) => m.includes('"groupsChanged"')).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => heard.some((m) => m.startsWith('{"id":2')), { timeout: 15_000 }).toBe(true);
    expect(heard.some((m) => m.startsWith('{"id":1') && m.includes('"programHidden":true'))).toBe(true);
    expect(heard.some((m) => m.startsWith('{"id":2') && m.includes('"programHidden":true'))).toBe(true);
    expect(heard.filter((m) => m.includes(secret))).toEqual([]);
    ws.close();

    // The CLI (its token) sees the program it set, and what ran by its name; the page only that the program ran.
    const shown = await ferry(['group', 'show', 'cli-run', '--json', '--home', home]);
    expect((JSON.parse(shown.stdout) as GroupInfo).onComplete?.run).toEqual(['true', `--token=${secret}`]);
    expect((await ferry(['group', 'close', 'cli-run', '--home', home])).code).toBe(0);
    const fired = await firedGroup(home, 'cli-run');
    expect(fired.history[0]!.outcomes).toMatchObject([{ action: 'run', ok: true, message: 'true exited with 0' }]);
    const seen = ((await (await fetch(`${origin}/api/rpc`, { method: 'POST', headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' }, body: JSON.stringify({ method: 'listGroups', args: [] }) })).json()) as { result: GroupInfo[] }).result;
    expect(seen.find((g) => g.name === 'cli-run')!.history[0]!.outcomes).toMatchObject([{ action: 'run', ok: true, exitCode: 0, message: 'the program exited with 0' }]);
  });
});

it('ferry group create --on-complete-notify: the daemon tells its open browser pages (groupNotice) and its stderr once; --on-complete-open is refused in words', async () => {
  const home = path.join(shared.work, 'home-notify');
  const dir = fs.mkdtempSync(path.join(shared.work, 'notify-'));
  await withDaemon(home, async (daemon) => {
    const refused = await ferry(['group', 'create', 'show', '--on-complete-open', '--home', home]);
    expect(refused).toMatchObject({ code: 1, stderr: 'ferry: InvalidArgument: opening the folder when a group finishes is only possible in the desktop app (the daemon has no screen to open it on)\n' });

    const origin = new URL(daemon.url).origin;
    const code = new URL(daemon.url).hash.replace('#login=', '');
    const login = await fetch(`${origin}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    const { session } = ((await login.json()) as { result: { session: string } }).result;
    const ws = new WebSocket(`ws://127.0.0.1:${daemonPort(daemon.url)}/api/ws`, ['ferry', `ferry.session.${session}`], { origin });
    const notices: unknown[] = [];
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(String(data)) as { event?: string; payload?: unknown };
      if (message.event === 'groupNotice') notices.push(message.payload);
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));

    const file = randomFile(120_000);
    shared.server.serve('/notify/a.bin', file);
    expect((await ferry(['group', 'create', 'told', '--on-complete-notify', '--home', home])).code).toBe(0);
    await ferry(['add', shared.server.url('/notify/a.bin'), shared.server.url('/notify/gone.bin'), '-d', dir, '--group', 'told', '--home', home]);
    expect((await ferry(['group', 'close', 'told', '--home', home])).code).toBe(0);
    const group = await firedGroup(home, 'told');
    expect(sha256File(path.join(dir, 'a.bin'))).toBe(sha256(file.body));
    expect(group.history).toMatchObject([{ outcomes: [{ action: 'notify', ok: true, message: 'told 1 open browser page' }] }]);
    expect(notices).toEqual([{ group: 'told', title: 'Group told finished', body: '1 completed, 1 failed', ok: false, counts: { completed: 1, failed: 1 } }]);
    expect(daemon.stderr()).toContain('ferry: Group told finished: 1 completed, 1 failed\n');
    expect((await ferry(['group', 'show', 'told', '--home', home])).stdout).toContain('  on complete: notify\n');
    ws.close();
  });
});
