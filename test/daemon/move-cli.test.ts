// `ferry move ID... top|up|down|bottom` against a real daemon: the queue starts in the order the
// command made (the server sees the requests in it), the order is kept over a daemon restart, and
// a bad word, a missing id or a running transfer is refused with one clear line, changing nothing.
import path from 'node:path';
import { expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, useSharedServer } from '../helpers/engine.ts';
import { ferry, startDaemon } from '../helpers/cli.ts';

const shared = useSharedServer();
type Row = { id: string; url: string; state: string; queueOrder: number; priority: string };

it('moves queued transfers from the command line; the order holds over a restart; bad input is refused in one line', async () => {
  const home = path.join(shared.work, 'home-move');
  const dir = path.join(shared.work, 'move-downloads');
  const run = (...args: string[]) => ferry([...args, '--home', home]);
  const listed = async (): Promise<Row[]> => (await run('ls', '--json')).stdout.trim().split('\n').map((l) => JSON.parse(l) as Row);
  const queue = async () =>
    (await listed())
      .filter((r) => r.state === 'queued')
      .sort((a, b) => (a.priority === b.priority ? a.queueOrder - b.queueOrder : a.priority === 'high' ? -1 : 1))
      .map((r) => r.url.split('/').pop());
  await run('config', 'set', 'maxConcurrent', '1');
  let daemon = await startDaemon(home);
  try {
    shared.server.serve('/move/hold.bin', randomFile(5_000_000, { rate: 50_000 }));
    const hold = (await run('add', shared.server.url('/move/hold.bin'), '-d', dir, '--connections', '1')).stdout.trim();
    const files = Object.fromEntries(['m1', 'm2', 'm3', 'm4'].map((name) => [name, randomFile(30_000)]));
    const ids: Record<string, string> = {};
    for (const [name, file] of Object.entries(files)) {
      shared.server.serve(`/move/${name}.bin`, file);
      ids[name] = (await run('add', shared.server.url(`/move/${name}.bin`), '-d', dir)).stdout.trim();
    }
    expect(await queue()).toEqual(['m1.bin', 'm2.bin', 'm3.bin', 'm4.bin']);
    // Moved together, they keep their order in the queue (m3 before m4), whatever the order named.
    const top = await run('move', ids['m4']!.slice(0, 8), ids['m3']!, 'top');
    expect(top).toMatchObject({ code: 0, stdout: `${ids['m4']} moved to the top\n${ids['m3']} moved to the top\n` });
    expect((await run('move', ids['m1']!, 'down')).stdout).toBe(`${ids['m1']} moved down\n`);
    expect(await queue()).toEqual(['m3.bin', 'm4.bin', 'm2.bin', 'm1.bin']);

    const badWord = await run('move', ids['m1']!, 'first');
    expect(badWord).toMatchObject({ code: 1, stdout: '' });
    expect(badWord.stderr).toBe('ferry: InvalidArgument: usage: ferry move ID... top|up|down|bottom ("first" is none of them)\n');
    const running = await run('move', ids['m2']!, hold, 'top');
    expect(running.stderr).toBe(`ferry: InvalidArgument: transfer ${hold} is running: only a queued transfer has a place in the queue\n`);
    expect((await run('move', 'top')).stderr).toBe('ferry: InvalidArgument: usage: ferry move ID... top|up|down|bottom\n');
    expect(await queue()).toEqual(['m3.bin', 'm4.bin', 'm2.bin', 'm1.bin']);

    await daemon.stop();
    daemon = await startDaemon(home);
    expect(await queue()).toEqual(['m3.bin', 'm4.bin', 'm2.bin', 'm1.bin']);
    const before = shared.server.requests.length;
    await run('pause', hold);
    expect((await run('wait', ...Object.values(ids))).code).toBe(0);
    const order = shared.server.requests.slice(before).map((r) => r.path).filter((p) => /\/m\d\.bin$/.test(p));
    expect(order).toEqual(['/move/m3.bin', '/move/m4.bin', '/move/m2.bin', '/move/m1.bin']);
    for (const [name, file] of Object.entries(files)) expect(sha256File(path.join(dir, `${name}.bin`))).toBe(sha256(file.body));
  } finally {
    await daemon.stop();
  }
});
