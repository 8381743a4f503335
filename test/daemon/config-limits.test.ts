// `ferry config set` for the limits: speeds as --limit-rate takes them, the alternative limit
// switched on and off (`limit.alternative`), the schedule as JSON; bad values refused with a line
// that says what the setting takes; a real download held back by the alternative limit.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, useSharedServer } from '../helpers/engine.ts';
import { ferry, startDaemon } from '../helpers/cli.ts';

const shared = useSharedServer();

describe('ferry config and the limits', () => {
  it('sets the alternative limit and the schedule, refuses bad values, and the daemon holds a download to the alternative limit', async () => {
    const home = path.join(shared.work, 'home-alt');
    const dir = path.join(shared.work, 'alt-downloads');
    const config = (...args: string[]) => ferry(['config', ...args, '--home', home]);
    // Without a daemon: written to the home for the next one.
    expect((await config('set', 'altDownloadLimitBytesPerSec', '50k')).stdout).toBe('50000\n');
    const rule = { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00', downloadLimitBytesPerSec: 1_000_000, uploadLimitBytesPerSec: 0 };
    expect(JSON.parse((await config('set', 'limitSchedule', JSON.stringify([rule]))).stdout)).toEqual([rule]);

    const badSpeed = await config('set', 'downloadLimitBytesPerSec', 'fast');
    expect(badSpeed).toMatchObject({ code: 1, stdout: '' });
    expect(badSpeed.stderr).toMatch(/^ferry: InvalidArgument: downloadLimitBytesPerSec must be a speed such as 500k, 5M or 5MiB/);
    const badSwitch = await config('set', 'limit.alternative', 'maybe');
    expect(badSwitch.stderr).toMatch(/^ferry: InvalidArgument: limit.alternative takes true or false \(on or off\), not "maybe"/);
    const notJson = await config('set', 'limitSchedule', 'weekdays 9-18');
    expect(notJson.stderr).toMatch(/^ferry: InvalidArgument: limitSchedule takes JSON, e\.g\. /);
    const badRule = await config('set', 'limitSchedule', JSON.stringify([{ ...rule, days: [] }]));
    expect(badRule.stderr).toMatch(/^ferry: InvalidArgument: .*a schedule rule needs at least one day/);
    // Nothing refused was kept.
    expect(JSON.parse((await config('get', 'limitSchedule')).stdout)).toEqual([rule]);

    const daemon = await startDaemon(home);
    try {
      expect((await config('get')).stdout).toContain(`limitSchedule=${JSON.stringify([rule])}\n`);
      expect((await config('set', 'limit.alternative', 'on')).stdout).toBe('true\n');
      const file = randomFile(6_000_000);
      shared.server.serve('/alt/big.bin', file);
      const id = (await ferry(['add', shared.server.url('/alt/big.bin'), '-d', dir, '--home', home])).stdout.trim();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const row = JSON.parse((await ferry(['ls', '--json', '--home', home])).stdout.trim()) as { bytesTransferred: number; state: string };
      // At 50 kB/s the 6 MB would take two minutes.
      expect(row.state).toBe('running');
      expect(row.bytesTransferred).toBeLessThan(3_000_000);
      expect((await config('set', 'limit.alternative', 'off')).stdout).toBe('false\n');
      expect((await ferry(['wait', id, '--home', home])).code).toBe(0);
      expect(sha256File(path.join(dir, 'big.bin'))).toBe(sha256(file.body));
    } finally {
      await daemon.stop();
    }
  });
});
