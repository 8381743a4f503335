// The limit schedule and the alternative limit on real bytes from a local server, under a clock the
// test turns by hand: while it stands still no more than a bucket's burst and one chunk may pass,
// each second it is turned lets at most the limit's worth more through, and turning it past the
// rule's end lifts the limit (the schedule's own timer switches it) so the download finishes whole.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { makeService, sha256File, tempDir, waitFinal, waitFor } from '../helpers/engine.ts';
import { HandClock } from '../helpers/hand-clock.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';
import type { LimitStatus } from '../../shared/model.ts';

const RATE = 100_000;
/**
 * What may pass with no time given: the bucket's burst (half a second) and the one chunk taken into
 * debt, at most one socket read (the HTTP source reads into 1 MiB buffers).
 */
const CAPACITY = RATE * 0.5 + 1024 * 1024;
/** Monday 5 January 2026, local time. */
const monday = (hours: number) => new Date(2026, 0, 5, hours);
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('limits in force on real bytes', () => {
  let server: FaultServer;
  let dir: string;
  let clock: HandClock;
  let service: TransferService;
  let heard: LimitStatus[];

  beforeEach(async () => {
    server = await new FaultServer().start();
    dir = tempDir();
    clock = new HandClock(monday(10));
    service = await makeService(dir, { clock });
    heard = [];
    service.on('limitsChanged', (status) => heard.push(status));
  });
  afterEach(async () => {
    await service.shutdown();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Bytes written now, once at least `more` than `after` are (the limit lets them through). */
  const bytesOnceMoved = async (id: string, after: number) => (await waitFor(service, id, (t) => t.bytesTransferred > after)).bytesTransferred;
  const bytesNow = async (id: string) => (await service.getTransfer(id)).bytesTransferred;

  it('throttles to the rule in force (weekdays 09:00-18:00) and lifts it at 18:00 by its timer', async () => {
    await service.setSettings({ limitSchedule: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00', downloadLimitBytesPerSec: RATE, uploadLimitBytesPerSec: 0 }] });
    expect(await service.getLimits()).toMatchObject({ source: 'schedule', downloadBytesPerSec: RATE, uploadBytesPerSec: 0 });
    const file = randomFile(6_000_000);
    server.serve('/scheduled', file);
    const target = path.join(dir, 'scheduled.bin');
    const t = await service.createDownload({ url: server.url('/scheduled'), path: target });

    // The clock stands still: whatever the machine's speed, only the capacity passes.
    await bytesOnceMoved(t.id, 0);
    await settle(800);
    let moved = await bytesNow(t.id);
    expect(moved).toBeLessThanOrEqual(CAPACITY);
    expect((await service.getLimits()).binding).toEqual(['download']);
    expect(heard.some((status) => status.binding.includes('download'))).toBe(true);

    // Each second given lets at most RATE more through; once the first chunk's debt is paid, it moves.
    const frozen = moved;
    for (let second = 1; second <= 10; second++) {
      clock.advance(1000);
      await settle(200);
      moved = await bytesNow(t.id);
      expect(moved).toBeLessThanOrEqual(RATE * second + CAPACITY);
    }
    moved = await bytesOnceMoved(t.id, frozen);
    expect(moved).toBeLessThanOrEqual(RATE * 10 + CAPACITY);

    // 18:00: the rule ends, its timer puts the normal limits (none) back, the rest comes at once.
    clock.set(monday(18));
    expect(await service.getLimits()).toMatchObject({ source: 'normal', downloadBytesPerSec: 0 });
    const done = await waitFinal(service, t.id);
    expect(done).toMatchObject({ state: 'completed', retries: [] });
    expect(sha256File(target)).toBe(sha256(file.body));
  });

  it('holds transfers to the alternative limit once switched on, over a schedule that allows more', async () => {
    await service.setSettings({
      limitSchedule: [{ days: [1], from: '00:00', to: '24:00', downloadLimitBytesPerSec: 10_000_000, uploadLimitBytesPerSec: 0 }],
      altDownloadLimitBytesPerSec: RATE,
    });
    const file = randomFile(3_000_000);
    server.serve('/alt', file);
    const target = path.join(dir, 'alt.bin');
    const settings = await service.setSettings({ alternativeLimitOn: true });
    expect(settings.alternativeLimitOn).toBe(true);
    expect(heard.at(-1)).toMatchObject({ source: 'alternative', downloadBytesPerSec: RATE });
    const t = await service.createDownload({ url: server.url('/alt'), path: target });
    await bytesOnceMoved(t.id, 0);
    await settle(800);
    expect(await bytesNow(t.id)).toBeLessThanOrEqual(CAPACITY);

    await service.setSettings({ alternativeLimitOn: false });
    expect(await service.getLimits()).toMatchObject({ source: 'schedule', downloadBytesPerSec: 10_000_000 });
    // One second at the schedule's 10 MB/s (a 5 MB burst) is more than the file: it finishes.
    clock.advance(1000);
    expect(await waitFinal(service, t.id)).toMatchObject({ state: 'completed' });
    expect(sha256File(target)).toBe(sha256(file.body));
  });
});
