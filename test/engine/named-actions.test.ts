// Named actions from the host's actions file: the file's specific errors (zod), a group that picks
// an action by name runs that program once on real bytes (the words taken when the group was made),
// an unknown name or a broken file refused in words with nothing kept, and run and action together
// refused. The group editor's calls: the actions listed by name and description only (never a
// program: a browser page reads this list); a closed group still waiting for a slow member takes new
// actions and keeps its program when asked, then fires once with them; once fired, refused in words.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { makeService, sha256File, tempDir, waitGroupFired } from '../helpers/engine.ts';
import { groupProgram } from '../helpers/group-program.ts';
import { plainGroupActions } from '../../electron/engine/groups/group-actions.ts';
import { actionsFileReader } from '../../electron/engine/groups/actions-file.ts';
import { parseActionsFile } from '../../shared/named-actions.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';

// Each test's engine reads the actions file in its own folder.
let server: FaultServer;
let dir: string;
let file: string;
let service: TransferService;

beforeEach(async () => {
  server = await new FaultServer().start();
  dir = tempDir();
  file = path.join(dir, 'actions.json');
  service = await makeService(dir, { groupActions: plainGroupActions(), namedActions: actionsFileReader(file) });
});

afterEach(async () => {
  await service.shutdown();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the actions file', () => {
  it('reads named programs and says exactly what is wrong with a bad file', () => {
    expect(parseActionsFile('{"actions":{"unpack":{"program":"/usr/bin/unar","args":["-q"]},"index":{"program":"updatedb"}}}', 'a.json')).toEqual({ unpack: { program: '/usr/bin/unar', args: ['-q'] }, index: { program: 'updatedb' } });
    const problem = (text: string) => {
      try {
        parseActionsFile(text, '/home/me/.ferry/actions.json');
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(problem('{"actions":{"bad name":{"program":"x"}}}')).toBe('/home/me/.ferry/actions.json: actions.bad name: an action name is letters, digits, ".", "_" and "-" (at most 64, starting with a letter or digit)');
    expect(problem('{"actions":{"u":{"program":""}}}')).toBe('/home/me/.ferry/actions.json: actions.u.program: the program is empty');
    expect(problem('{"actions":{"u":{"program":"x","argz":[]}}}')).toBe('/home/me/.ferry/actions.json: actions.u: Unrecognized key: "argz"');
    expect(problem('{"actions":{"u":{"program":"x","args":"-q"}}}')).toBe('/home/me/.ferry/actions.json: actions.u.args: Invalid input: expected array, received string');
    expect(problem('{"action":{}}')).toBe('/home/me/.ferry/actions.json: the file is {"actions": {"NAME": {"program": "...", "args": [...]}}}; "actions" is missing or not an object');
    expect(problem('{"actions":')).toMatch(/^\/home\/me\/\.ferry\/actions\.json is not JSON: /);
  });
});

describe('a group that picks a named action', () => {

  it('runs the program named in the file once, with the words it had when the group was made', async () => {
    const program = groupProgram(dir);
    const [first, ...rest] = program.words();
    fs.writeFileSync(file, JSON.stringify({ actions: { record: { program: first, args: rest } } }));
    const made = await service.createGroup({ name: 'picked', onComplete: { action: 'record' } });
    expect(made.onComplete).toEqual({ run: program.words(), moveTo: null, action: 'record' });
    // An edit of the file afterwards does not change what this group runs.
    fs.writeFileSync(file, JSON.stringify({ actions: { record: { program: '/bin/false' } } }));
    const body = randomFile(150_000);
    server.serve('/p.bin', body);
    await service.createDownload({ url: server.url('/p.bin'), dir, group: 'picked' });
    await service.closeGroup('picked');
    const g = await waitGroupFired(service, 'picked');
    expect(sha256File(path.join(dir, 'p.bin'))).toBe(sha256(body.body));
    expect(program.runs()).toHaveLength(1);
    expect(program.runs()[0]).toMatchObject({ group: 'picked', members: [{ state: 'completed' }] });
    expect(g.history).toMatchObject([{ outcomes: [{ action: 'run', ok: true, exitCode: 0 }] }]);
  });

  it('refuses an unknown name, a broken file, no file, and a program with an action, keeping nothing', async () => {
    await expect(service.createGroup({ name: 'a', onComplete: { action: 'unpack' } })).rejects.toThrow('no action named unpack in actions.json (it has none)');
    fs.writeFileSync(file, JSON.stringify({ actions: { index: { program: 'updatedb' }, tidy: { program: 'true' } } }));
    await expect(service.createGroup({ name: 'a', onComplete: { action: 'unpack' } })).rejects.toThrow('no action named unpack in actions.json (it has index, tidy)');
    await expect(service.createGroup({ name: 'a', onComplete: { action: 'index', run: ['true'] } })).rejects.toThrow('a group runs either a program given as words or a named action, not both');
    fs.writeFileSync(file, '{"actions":{"index":{"program":""}}}');
    await expect(service.createGroup({ name: 'a', onComplete: { action: 'index' } })).rejects.toThrow(`the action index cannot be used: ${file}: actions.index.program: the program is empty`);
    expect(await service.listGroups()).toEqual([]);
    await service.shutdown();
    service = await makeService(dir, { groupActions: plainGroupActions() });
    await expect(service.createGroup({ name: 'a', onComplete: { action: 'index' } })).rejects.toThrow('this host has no named actions (the daemon and the desktop app read them from actions.json)');
  });
});

// Changing a group after it was made, as the window's group editor does.
describe("the group editor's calls", () => {
  it('lists the named actions by name and description, never their programs; a broken file is said in words', async () => {
    expect(await service.listNamedActions()).toEqual({ actions: [], problem: null });
    fs.writeFileSync(file, JSON.stringify({ actions: { unpack: { program: '/opt/secret-token-abc/unar', args: ['--password', 'hunter2'], description: 'Unpack archives' }, index: { program: 'updatedb' } } }));
    const listed = await service.listNamedActions();
    expect(listed).toEqual({ actions: [{ name: 'unpack', description: 'Unpack archives' }, { name: 'index', description: null }], problem: null });
    expect(JSON.stringify(listed)).not.toMatch(/secret-token|hunter2|unar|updatedb/);
    fs.writeFileSync(file, '{"actions":{"index":{"program":""}}}');
    expect(await service.listNamedActions()).toEqual({ actions: [], problem: `${file}: actions.index.program: the program is empty` });
    await service.shutdown();
    service = await makeService(dir, { groupActions: plainGroupActions() });
    expect(await service.listNamedActions()).toEqual({ actions: [], problem: 'this host has no named actions (the daemon and the desktop app read them from actions.json)' });
  });

  it('a closed group waiting for a slow member takes new actions, keeps its program, and fires once with them; once fired a change is refused', async () => {
    const program = groupProgram(dir);
    const body = randomFile(120_000, { rate: 40_000 });
    server.serve('/slow.bin', body);
    await service.createGroup({ name: 'g', onComplete: { run: program.words() } });
    await service.createDownload({ url: server.url('/slow.bin'), dir, group: 'g' });
    await service.closeGroup('g');
    const into = path.join(dir, 'moved');
    fs.mkdirSync(into);
    await expect(service.createGroup({ name: 'g', onComplete: { keepRun: true, action: 'x' } })).rejects.toThrow('a group keeps the program it has or is given another, not both');
    const changed = await service.createGroup({ name: 'g', behavior: 'serialized', onComplete: { keepRun: true, moveTo: into } });
    expect(changed).toMatchObject({ closed: true, behavior: 'serialized', firedAt: null, onComplete: { run: program.words(), moveTo: into } });
    const g = await waitGroupFired(service, 'g');
    expect(sha256File(path.join(into, 'slow.bin'))).toBe(sha256(body.body));
    expect(program.runs()).toHaveLength(1);
    expect(g.history).toMatchObject([{ outcomes: [{ action: 'move', ok: true }, { action: 'run', ok: true, exitCode: 0 }] }]);

    await expect(service.createGroup({ name: 'g', onComplete: { notify: false } })).rejects.toThrow(/^group g has run its actions already \(.+\): they cannot change; make a new group$/);
    expect((await service.listGroups())[0]!.onComplete).toEqual(g.onComplete);
    // Its windows may still change (they hold nothing now, but the engine takes them on closed groups).
    expect((await service.setGroupWindows('g', [{ days: [1], from: '01:00', to: '02:00' }])).runWindows).toHaveLength(1);
  });

  it('a group without keepRun loses its program when its actions change (the editor sends keepRun to keep it)', async () => {
    const program = groupProgram(dir);
    await service.createGroup({ name: 'open', onComplete: { run: program.words() } });
    expect((await service.createGroup({ name: 'open', onComplete: { moveTo: dir } })).onComplete).toEqual({ run: null, moveTo: dir });
    expect((await service.createGroup({ name: 'open', onComplete: {} })).onComplete).toBeNull();
  });
});
