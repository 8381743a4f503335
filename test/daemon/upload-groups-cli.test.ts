// `ferry upload --daemon --on-complete...`: a group of exactly these uploads, closed once they are
// in, whose program runs once they have all been sent (the bytes checked by sha256 at the server);
// without --daemon it is refused at once, before anything is sent.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sha256File, tempDir, writeRandomFile } from '../helpers/engine.ts';
import { UploadServer } from '../helpers/upload-server.ts';
import { ferry, startDaemon } from '../helpers/cli.ts';
import { groupProgram } from '../helpers/group-program.ts';
import type { GroupInfo } from '../../shared/model.ts';

let server: UploadServer;
let work: string;
beforeAll(async () => {
  server = await new UploadServer().start();
  work = tempDir('ferry-upload-groups-cli-');
});
afterAll(async () => {
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

it('groups the uploads, runs the program once they have all been sent, and refuses --on-complete without --daemon', async () => {
  const home = path.join(work, 'home');
  const a = writeRandomFile(work, 'a.bin', 300_000);
  const b = writeRandomFile(work, 'b.bin', 200_000);
  const program = groupProgram(work);
  const foreground = await ferry(['upload', a, '--to', server.url('/up/'), '--on-complete-notify', '--home', home]);
  expect(foreground).toMatchObject({ code: 1, stderr: "ferry: InvalidArgument: --on-complete, --on-complete-notify and --on-complete-action need --daemon (the daemon runs a group's actions)\n" });
  expect(server.received).toEqual([]);

  const daemon = await startDaemon(home);
  try {
    const words = program.words().map((w) => `'${w}'`).join(' ');
    const sent = await ferry(['upload', a, b, '--to', server.url('/up/'), '--daemon', '--group', 'sent', '--on-complete', words, '--on-complete-notify', '--home', home]);
    expect(sent.code).toBe(0);
    const ids = sent.stdout.trim().split('\n');
    expect(ids).toHaveLength(2);
    expect(sent.stderr).toBe('ferry: group sent: its actions run once these 2 transfers have finished ("ferry group show sent")\n');
    expect((await ferry(['wait', ...ids, '--home', home])).code).toBe(0);
    const deadline = Date.now() + 30_000;
    let group: GroupInfo;
    for (;;) {
      group = JSON.parse((await ferry(['group', 'show', 'sent', '--json', '--home', home])).stdout) as GroupInfo;
      if (group.firedAt) break;
      if (Date.now() > deadline) throw new Error(`did not fire: ${JSON.stringify(group)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(server.received.map((r) => [r.path, r.sha256]).sort()).toEqual([
      ['/up/a.bin', sha256File(a)],
      ['/up/b.bin', sha256File(b)],
    ]);
    expect(program.runs()).toHaveLength(1);
    expect(program.runs()[0]!.members.map((m) => [m.id, m.state])).toEqual([
      [ids[0], 'completed'],
      [ids[1], 'completed'],
    ]);
    expect(group.history).toMatchObject([{ outcomes: [{ action: 'run', ok: true, exitCode: 0 }, { action: 'notify', ok: true, message: "no browser page was open; said on the daemon's stderr" }] }]);
    expect(daemon.stderr()).toContain('ferry: Group sent finished: 2 completed\n');
  } finally {
    await daemon.stop();
  }
});
