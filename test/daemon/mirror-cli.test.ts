// `ferry add URL --mirror URL...` against a real daemon: the mirrors are kept with the download and
// listed by `ferry ls --json`; the file comes from a mirror when the address is gone; a mirror with
// a login in it is refused in one line.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, useSharedServer } from '../helpers/engine.ts';
import { ferry, startDaemon } from '../helpers/cli.ts';

const shared = useSharedServer();

it('adds a download with mirrors, which fetches the file from the one that serves it', async () => {
  const home = path.join(shared.work, 'home-mirror');
  const dir = path.join(shared.work, 'mirror-downloads');
  const run = (...args: string[]) => ferry([...args, '--home', home]);
  const daemon = await startDaemon(home);
  try {
    const file = randomFile(500_000);
    shared.server.serve('/mirror/b/file.bin', file);
    const gone = shared.server.url('/mirror/a/file.bin');
    const busy = shared.server.url('/mirror/busy/file.bin');
    shared.server.serve('/mirror/busy/file.bin', file, [{ kind: 'status', code: 410 }]);
    const added = await run('add', gone, '--mirror', busy, '--mirror', shared.server.url('/mirror/b/file.bin'), '-d', dir, '--wait');
    expect(added.code).toBe(0);
    const id = added.stdout.trim();
    expect(sha256File(path.join(dir, 'file.bin'))).toBe(sha256(file.body));
    const listed = JSON.parse((await run('ls', '--json')).stdout.trim()) as Record<string, unknown>;
    expect(listed).toMatchObject({ id, url: gone, state: 'completed', mirrors: [busy, shared.server.url('/mirror/b/file.bin')], mirrorInUse: shared.server.url('/mirror/b/file.bin') });
    expect((listed['history'] as Array<{ reason: string }>).map((h) => h.reason)).toEqual(
      expect.arrayContaining([`NotFound, HTTP 404 from ${gone}: trying the next address, ${busy}`, expect.stringMatching(/^NotFound, HTTP 410 from .*busy.*: trying the next address/)]),
    );

    const login = await run('add', gone, '--mirror', 'http://bob:hunter2@127.0.0.1:1/file.bin', '-d', dir);
    expect(login.code).toBe(1);
    expect(login.stderr).toBe('ferry: InvalidArgument: mirror 1: a mirror\'s address cannot carry a user name or password; give the login with --user (it is kept apart, as secrets are)\n');
    expect(fs.readdirSync(dir)).toEqual(['file.bin']);
  } finally {
    await daemon.stop();
  }
});
