// `ferry when-done` against a real daemon on the real clock (the countdown is 60 s, so this test
// waits two minutes): after a download by sha256, "sleep" runs `systemctl suspend` once (a fake
// systemctl first on the daemon's PATH records its arguments: nothing is suspended), the daemon
// says the countdown on stderr, the choice resets to nothing; then "quit" stops the daemon with
// exit code 0 and its state saved. A bad choice is refused in words.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, useSharedServer } from '../helpers/engine.ts';
import { ferry, startDaemon } from '../helpers/cli.ts';

const shared = useSharedServer();

async function until(check: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('ferry when-done', () => {
  it('sleeps through systemctl once the last download is done, then quits the daemon cleanly', { timeout: 240_000 }, async () => {
    const home = path.join(shared.work, 'home-when-done');
    const dir = path.join(shared.work, 'when-done-downloads');
    const bin = path.join(shared.work, 'fake-bin');
    const log = path.join(shared.work, 'systemctl.log');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, 'systemctl'), `#!/bin/sh\necho "$@" >> '${log}'\n`, { mode: 0o755 });
    const daemon = await startDaemon(home, { PATH: `${bin}:${process.env['PATH']}` });
    try {
      const bad = await ferry(['when-done', 'hibernate', '--home', home]);
      expect(bad).toMatchObject({ code: 1, stdout: '', stderr: 'ferry: InvalidArgument: usage: ferry when-done nothing|quit|sleep|shutdown ("hibernate" is none of them)\n' });
      expect((await ferry(['when-done', '--home', home])).stdout).toBe('when everything is done: nothing\n');

      // About 8 s: still running when `when-done sleep` comes, however slowly a loaded machine starts the command.
      const file = randomFile(2_000_000, { rate: 250_000 });
      shared.server.serve('/when-done/file.bin', file);
      const id = (await ferry(['add', shared.server.url('/when-done/file.bin'), '-d', dir, '--home', home])).stdout.trim();
      expect((await ferry(['when-done', 'sleep', '--home', home])).stdout).toBe('when everything is done: put the computer to sleep (not saved: a restart forgets it; cancel with "ferry when-done nothing")\n');
      expect((await ferry(['wait', id, '--home', home])).code).toBe(0);
      expect(sha256File(path.join(dir, 'file.bin'))).toBe(sha256(file.body));
      expect(fs.existsSync(log)).toBe(false);

      await until(() => fs.existsSync(log), 'the fake systemctl');
      expect(fs.readFileSync(log, 'utf8')).toBe('suspend\n');
      expect(daemon.stderr()).toContain('ferry: everything is done: Ferry will put the computer to sleep in 60 s; cancel with "ferry when-done nothing"\n');
      expect(daemon.stderr()).toContain('ferry: everything is done: about to put the computer to sleep\n');
      expect(JSON.parse((await ferry(['when-done', '--json', '--home', home])).stdout)).toEqual({ choice: 'nothing', countdownMs: null, available: ['nothing', 'quit', 'sleep', 'shutdown'], problem: null });

      expect((await ferry(['when-done', 'quit', '--home', home])).stdout).toMatch(/^everything is done: Ferry will stop the daemon in 60 s; cancel with "ferry when-done nothing"\n$/);
      const exit = await new Promise<number | null>((resolve) => daemon.child.once('exit', resolve));
      expect(exit).toBe(0);
      expect(fs.existsSync(path.join(home, 'daemon.json'))).toBe(false);
      const state = JSON.parse(fs.readFileSync(path.join(home, 'state.json'), 'utf8')) as { operations: Record<string, { state: string }> };
      expect(state.operations[id]?.state).toBe('completed');
      expect(fs.readFileSync(log, 'utf8')).toBe('suspend\n');
    } finally {
      await daemon.stop();
    }
  });
});
