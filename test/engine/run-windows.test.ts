// The scheduler on real bytes from a local server, under a clock the test turns by hand: a transfer
// outside the time windows waits `scheduled` (no request is sent) and says until when; the window's
// opening starts it, its closing stops it (its bytes kept), the next opening finishes it whole. A
// start time holds a transfer until then, also across a restart; "Start now" lets it go at once.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { makeService, sha256File, tempDir, waitFinal, waitFor } from '../helpers/engine.ts';
import { HandClock } from '../helpers/hand-clock.ts';
import { MemoryJobStore, MemorySecretStore } from '../../electron/engine/state/store.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';

/** Monday 5 January 2026, local time. */
const monday = (hours: number, minutes = 0) => new Date(2026, 0, 5, hours, minutes);
const tuesday = (hours: number, minutes = 0) => new Date(2026, 0, 6, hours, minutes);
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('time windows and start times', () => {
  let server: FaultServer;
  let dir: string;
  let clock: HandClock;
  let service: TransferService;
  let store: MemoryJobStore;
  let secrets: MemorySecretStore;

  beforeEach(async () => {
    server = await new FaultServer().start();
    dir = tempDir();
    clock = new HandClock(monday(10));
    store = new MemoryJobStore();
    secrets = new MemorySecretStore();
    service = await makeService(dir, { clock, store, secrets });
  });
  afterEach(async () => {
    await service.shutdown();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('waits outside the window, runs inside it, stops when it closes and finishes in the next one', async () => {
    await service.setSettings({ runWindows: [{ days: [0, 1, 2, 3, 4, 5, 6], from: '01:00', to: '07:00' }] });
    const file = randomFile(3_000_000, { rate: 1_000_000 });
    server.serve('/night.bin', file);
    const target = path.join(dir, 'night.bin');
    const t = await service.createDownload({ url: server.url('/night.bin'), path: target });

    const held = await waitFor(service, t.id, (s) => s.state === 'scheduled');
    expect(held.history.at(-1)?.reason).toBe('scheduled for Tue 01:00, when a time window opens');
    await settle(300);
    expect(server.requestsFor('/night.bin')).toHaveLength(0);

    // 01:00: the window opens, by the engine's own timer.
    clock.set(tuesday(1));
    const moving = await waitFor(service, t.id, (s) => s.bytesTransferred > 0);
    expect(moving.state).toBe('running');
    expect(moving.history.some((change) => change.from === 'scheduled' && change.reason === 'its scheduled time came')).toBe(true);

    // 07:00: it closes; the run stops and waits for the next window with what it has.
    clock.set(tuesday(7));
    const stopped = await waitFor(service, t.id, (s) => s.state === 'scheduled');
    expect(stopped.history.at(-1)?.reason).toBe('scheduled for Wed 01:00, when a time window opens');
    expect(stopped.bytesTransferred).toBeGreaterThan(0);
    expect(stopped.bytesTransferred).toBeLessThan(file.body.length);
    const requests = server.requestsFor('/night.bin').length;
    await settle(300);
    expect(server.requestsFor('/night.bin')).toHaveLength(requests);

    // The next night it continues from the bytes on disk and completes whole.
    clock.set(new Date(2026, 0, 7, 1));
    const done = await waitFinal(service, t.id);
    expect(done.state).toBe('completed');
    expect(sha256File(target)).toBe(sha256(file.body));
    const resumed = server.requestsFor('/night.bin').slice(requests);
    expect(resumed[0]?.range).toMatch(/^bytes=[1-9]\d*-/);
  });

  it('holds a transfer until its start time, across a restart, and "Start now" lets it go', async () => {
    const file = randomFile(200_000);
    server.serve('/later.bin', file);
    const later = await service.createDownload({ url: server.url('/later.bin'), path: path.join(dir, 'later.bin'), startAt: monday(14, 30).getTime() });
    expect((await waitFor(service, later.id, (s) => s.state === 'scheduled')).history.at(-1)?.reason).toBe('scheduled for 14:30');
    server.serve('/now.bin', file);
    const other = await service.createDownload({ url: server.url('/now.bin'), path: path.join(dir, 'now.bin'), startAt: tuesday(9).getTime() });
    await waitFor(service, other.id, (s) => s.state === 'scheduled');

    // A restart keeps the start times.
    await service.shutdown();
    service = await makeService(dir, { clock, store, secrets });
    expect((await waitFor(service, later.id, (s) => s.state === 'scheduled')).startAt).toBe(monday(14, 30).getTime());
    expect(server.requestsFor('/later.bin')).toHaveLength(0);

    clock.set(monday(14, 30));
    expect((await waitFinal(service, later.id)).state).toBe('completed');
    expect((await service.getTransfer(other.id)).state).toBe('scheduled');

    const started = await service.startNow(other.id);
    expect(started.startAt).toBeNull();
    expect((await waitFinal(service, other.id)).state).toBe('completed');
    expect(sha256File(path.join(dir, 'now.bin'))).toBe(sha256(file.body));
  });

  it('"Start now" also lets a transfer through closed windows, and a paused scheduled one stays paused', async () => {
    await service.setSettings({ runWindows: [{ days: [2], from: '01:00', to: '02:00' }] });
    const file = randomFile(100_000);
    server.serve('/a.bin', file);
    server.serve('/b.bin', file);
    const a = await service.createDownload({ url: server.url('/a.bin'), path: path.join(dir, 'a.bin') });
    const b = await service.createDownload({ url: server.url('/b.bin'), path: path.join(dir, 'b.bin') });
    await waitFor(service, a.id, (s) => s.state === 'scheduled');
    await service.pause(b.id);
    await service.startNow(a.id);
    expect((await waitFinal(service, a.id)).state).toBe('completed');
    clock.set(tuesday(1));
    await settle(300);
    expect((await service.getTransfer(b.id)).state).toBe('paused');
    expect(server.requestsFor('/b.bin')).toHaveLength(0);
  });

  it("holds a group's members outside the group's own windows only, across a restart, and lets them go when the windows change", async () => {
    await service.createGroup({ name: 'nightly' });
    expect((await service.setGroupWindows('nightly', [{ days: [0, 1, 2, 3, 4, 5, 6], from: '01:00', to: '07:00' }])).runWindows).toHaveLength(1);
    const file = randomFile(150_000);
    for (const name of ['late.bin', 'free.bin', 'later.bin']) server.serve(`/${name}`, file);
    const late = await service.createDownload({ url: server.url('/late.bin'), path: path.join(dir, 'late.bin'), group: 'nightly' });
    const free = await service.createDownload({ url: server.url('/free.bin'), path: path.join(dir, 'free.bin') });

    // Outside its group's window it waits, and says whose window; one in no group runs now.
    const held = await waitFor(service, late.id, (s) => s.state === 'scheduled');
    expect(held.history.at(-1)?.reason).toBe("scheduled for Tue 01:00, when group nightly's time window opens");
    expect((await waitFinal(service, free.id)).state).toBe('completed');
    expect(server.requestsFor('/late.bin')).toHaveLength(0);

    // The windows are saved with the group.
    await service.shutdown();
    service = await makeService(dir, { clock, store, secrets });
    expect((await service.listGroups()).find((g) => g.name === 'nightly')?.runWindows).toEqual([{ days: [0, 1, 2, 3, 4, 5, 6], from: '01:00', to: '07:00' }]);
    await waitFor(service, late.id, (s) => s.state === 'scheduled');

    // Its window opens by the engine's timer: it runs and completes whole.
    clock.set(tuesday(1));
    expect((await waitFinal(service, late.id)).state).toBe('completed');
    expect(sha256File(path.join(dir, 'late.bin'))).toBe(sha256(file.body));

    // Both the settings' and the group's windows must allow: closed settings hold it whatever the group says.
    clock.set(tuesday(12));
    await service.setSettings({ runWindows: [{ days: [3], from: '09:00', to: '10:00' }] });
    await service.setGroupWindows('nightly', [{ days: [2], from: '11:00', to: '13:00' }]);
    const later = await service.createDownload({ url: server.url('/later.bin'), path: path.join(dir, 'later.bin'), group: 'nightly' });
    expect((await waitFor(service, later.id, (s) => s.state === 'scheduled')).history.at(-1)?.reason).toBe('scheduled for Wed 09:00, when a time window opens');
    // No windows of its own any more, and the settings' open: it goes at once.
    await service.setSettings({ runWindows: [] });
    await service.setGroupWindows('nightly', []);
    expect((await waitFinal(service, later.id)).state).toBe('completed');

    await expect(service.setGroupWindows('nightly', [{ days: [], from: '01:00', to: '02:00' }])).rejects.toMatchObject({ status: 'InvalidArgument', message: expect.stringContaining('at least one day') });
    await expect(service.setGroupWindows('none-such', [])).rejects.toMatchObject({ status: 'InvalidArgument', message: 'no group named none-such' });
  });
});
