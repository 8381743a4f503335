// The scheduler from the command line: `ferry config set runWindows` as people write windows (and
// read back the same way), `ferry add --at` holding a download (no request reaches the server; `ferry
// ls` says until when), `ferry start-now` letting it go to completion by sha256; bad values refused
// with a line that says what is taken, and nothing kept.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, useSharedServer } from '../helpers/engine.ts';
import { ferry, startDaemon } from '../helpers/cli.ts';

const shared = useSharedServer();

describe('ferry and the scheduler', () => {
  it('sets time windows, holds a download until its start time, and starts it now on request', async () => {
    const home = path.join(shared.work, 'home-schedule');
    const dir = path.join(shared.work, 'schedule-downloads');
    const config = (...args: string[]) => ferry(['config', ...args, '--home', home]);
    expect((await config('set', 'runWindows', 'mon-fri 01:00-07:00; sat,sun 00:00-24:00')).stdout).toBe('mon-fri 01:00-07:00; sun,sat 00:00-24:00\n');
    const bad = await config('set', 'schedule.windows', 'nights');
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(bad.stderr).toBe('ferry: InvalidArgument: schedule.windows: a time window is "[days] HH:MM-HH:MM" such as "mon-fri 01:00-07:00" (windows apart with ";"), not "nights"\n');
    expect((await config('get', 'runWindows')).stdout).toBe('mon-fri 01:00-07:00; sun,sat 00:00-24:00\n');
    // Any time, for the rest of the test.
    expect((await config('set', 'runWindows', 'none')).stdout).toBe('none\n');

    const daemon = await startDaemon(home);
    try {
      const file = randomFile(300_000);
      shared.server.serve('/sched/later.bin', file);
      const badAt = await ferry(['add', shared.server.url('/sched/later.bin'), '-d', dir, '--at', 'soon', '--home', home]);
      expect(badAt.stderr).toBe('ferry: InvalidArgument: --at: a start time is HH:MM (the next one), "YYYY-MM-DD HH:MM" or +N m/h from now, not "soon"\n');
      expect(JSON.parse(`[${(await ferry(['ls', '--json', '--home', home])).stdout.trim().split('\n').filter(Boolean).join(',')}]`)).toEqual([]);

      const id = (await ferry(['add', shared.server.url('/sched/later.bin'), '-d', dir, '--at', '+2h', '--home', home])).stdout.trim();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const listed = (await ferry(['ls', '--home', home])).stdout;
      expect(listed).toMatch(/scheduled/);
      expect(listed).toMatch(/\(scheduled for (\w{3} )?\d\d:\d\d\)/);
      expect(shared.server.requestsFor('/sched/later.bin')).toHaveLength(0);

      expect((await ferry(['start-now', id, '--home', home])).code).toBe(0);
      expect((await ferry(['wait', id, '--home', home])).code).toBe(0);
      expect(sha256File(path.join(dir, 'later.bin'))).toBe(sha256(file.body));
    } finally {
      await daemon.stop();
    }
  });

  it("sets a group's own time windows, shows them, refuses a bad one and clears them", async () => {
    const home = path.join(shared.work, 'home-group-windows');
    const daemon = await startDaemon(home);
    const group = (...args: string[]) => ferry(['group', ...args, '--home', home]);
    try {
      expect((await group('create', 'nightly')).code).toBe(0);
      expect((await group('windows', 'nightly', 'mon-fri 01:00-07:00')).stdout).toBe('nightly runs mon-fri 01:00-07:00\n');
      expect((await group('show', 'nightly')).stdout).toContain("  runs only: mon-fri 01:00-07:00 (and when the settings' windows allow)\n");
      const bad = await group('windows', 'nightly', 'nights');
      expect(bad).toMatchObject({ code: 1, stdout: '' });
      expect(bad.stderr).toBe('ferry: InvalidArgument: a time window is "[days] HH:MM-HH:MM" such as "mon-fri 01:00-07:00" (windows apart with ";"), not "nights"\n');
      expect((await group('windows', 'other', 'none')).stderr).toBe('ferry: InvalidArgument: no group named other\n');
      expect(JSON.parse((await group('show', 'nightly', '--json')).stdout).runWindows).toEqual([{ days: [1, 2, 3, 4, 5], from: '01:00', to: '07:00' }]);
      expect((await group('windows', 'nightly', 'none')).stdout).toBe("nightly runs whenever the time windows of the settings allow\n");
      expect((await group('show', 'nightly')).stdout).not.toContain('runs only');
    } finally {
      await daemon.stop();
    }
  });
});
