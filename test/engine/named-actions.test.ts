// Named actions from the host's actions file: the file's specific errors (zod), a group that picks
// an action by name runs that program once on real bytes (the words taken when the group was made),
// an unknown name or a broken file refused in words with nothing kept, and run and action together
// refused.
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
