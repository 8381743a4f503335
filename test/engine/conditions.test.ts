// The engine under changing conditions (a ConditionsBox stands in for the OS monitor; the
// monitors themselves are tested against D-Bus mocks and network namespaces): transfers wait and
// pause with their reason, spend no retries, and continue from the bytes on disk.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { makeService, sha256File, tempDir, waitFinal, waitFor } from '../helpers/engine.ts';
import { ConditionsBox, ASSUMED_CONDITIONS, type ConditionsMonitor } from '../../electron/engine/policy/conditions-monitor.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';

let server: FaultServer;
let dir: string;
let box: ConditionsBox;
let service: TransferService;
beforeEach(async () => {
  server = await new FaultServer().start();
  dir = tempDir('ferry-conditions-');
  box = new ConditionsBox({ ...ASSUMED_CONDITIONS, source: 'test' });
  service = await makeService(dir, { monitor: box });
});
afterEach(async () => {
  await service.shutdown();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const reasons = (t: { history: Array<{ from: string; to: string; reason: string }> }) => t.history.map((h) => `${h.from} -> ${h.to}: ${h.reason}`);

it('metered: an unrestrictedOnly download pauses with the reason, a default one goes on; back on Wi-Fi it resumes from its bytes', async () => {
  const file = randomFile(1_200_000, { rate: 400_000 });
  server.serve('/a.bin', file);
  server.serve('/b.bin', randomFile(300_000));
  const strict = await service.createDownload({ url: server.url('/a.bin'), costPolicy: 'unrestrictedOnly' });
  await waitFor(service, strict.id, (t) => t.bytesTransferred > 200_000);
  box.set({ cost: 'metered' });
  const held = await waitFor(service, strict.id, (t) => t.state === 'pausedCostedNetwork');
  expect(held.history.at(-1)?.reason).toBe('on a metered network: this transfer runs only on an unmetered network');
  const normal = await service.createDownload({ url: server.url('/b.bin') });
  expect((await waitFinal(service, normal.id)).state).toBe('completed');
  const kept = (await service.getTransfer(strict.id)).bytesTransferred;
  box.set({ cost: 'unrestricted' });
  const done = await waitFinal(service, strict.id);
  expect(done.state).toBe('completed');
  expect(sha256File(path.join(dir, 'a.bin'))).toBe(sha256(file.body));
  expect(done.retries).toEqual([]);
  expect(reasons(done)).toContain('pausedCostedNetwork -> queued: now on an unmetered network');
  expect(server.requestsFor('/a.bin').at(-1)?.range).toBe(`bytes=${kept}-`);
});

it('offline: running and queued transfers wait for the network without spending retries, and continue when it is back', async () => {
  const file = randomFile(1_000_000, { rate: 400_000 });
  server.serve('/c.bin', file);
  const t = await service.createDownload({ url: server.url('/c.bin') });
  await waitFor(service, t.id, (s) => s.bytesTransferred > 150_000);
  box.set({ online: false });
  await waitFor(service, t.id, (s) => s.state === 'waitingForNetwork');
  const later = await service.createDownload({ url: server.url('/c.bin'), path: path.join(dir, 'second.bin') });
  expect((await waitFor(service, later.id, (s) => s.state === 'waitingForNetwork')).history.at(-1)?.reason).toBe('no network connection; it continues when the network is back');
  const requests = server.requestsFor('/c.bin').length;
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(server.requestsFor('/c.bin').length).toBe(requests);
  box.set({ online: true });
  for (const id of [t.id, later.id]) {
    const done = await waitFinal(service, id);
    expect(done.state).toBe('completed');
    expect(done.retries).toEqual([]);
  }
  expect(sha256File(path.join(dir, 'c.bin'))).toBe(sha256(file.body));
});

it('a network failure while the monitor says offline (before it announced it) waits instead of retrying', async () => {
  // A polling monitor between two polls: it already reads offline but has not said so yet.
  let online = true;
  const listeners = new Set<() => void>();
  const polled: ConditionsMonitor = {
    current: () => ({ ...ASSUMED_CONDITIONS, online, source: 'test' }),
    onChange: (listener) => {
      const bare = () => listener(polled.current());
      listeners.add(bare);
      return () => void listeners.delete(bare);
    },
    close: () => undefined,
  };
  await service.shutdown();
  service = await makeService(dir, { monitor: polled });
  server.serve('/d.bin', randomFile(600_000, { rate: 300_000 }), [{ kind: 'reset', afterBytes: 100_000 }]);
  const t = await service.createDownload({ url: server.url('/d.bin') });
  await waitFor(service, t.id, (s) => s.state === 'running' && s.bytesTransferred > 10_000);
  online = false;
  const waiting = await waitFor(service, t.id, (s) => s.state === 'waitingForNetwork');
  expect(waiting.retries).toEqual([]);
  expect(waiting.history.at(-1)?.reason).toBe('no network connection; it continues when the network is back');
  online = true;
  for (const listener of listeners) listener();
  const done = await waitFinal(service, t.id);
  expect(done.state).toBe('completed');
  expect(done.retries).toEqual([]);
});

it('battery: below the threshold default transfers pause, always ones go on; on AC all continue', async () => {
  server.serve('/e.bin', randomFile(900_000, { rate: 300_000 }));
  server.serve('/f.bin', randomFile(900_000, { rate: 300_000 }));
  const normal = await service.createDownload({ url: server.url('/e.bin') });
  const always = await service.createDownload({ url: server.url('/f.bin'), costPolicy: 'always' });
  await waitFor(service, normal.id, (s) => s.bytesTransferred > 100_000);
  box.set({ onBattery: true, batteryPercent: 15 });
  expect((await waitFor(service, normal.id, (s) => s.state === 'pausedBattery')).history.at(-1)?.reason).toBe('on battery at 15% (below 20%); it continues on AC power or above it');
  expect((await service.getTransfer(always.id)).state).toBe('running');
  box.set({ onBattery: false });
  expect((await waitFinal(service, normal.id)).state).toBe('completed');
  expect((await waitFinal(service, always.id)).state).toBe('completed');
  expect(reasons(await service.getTransfer(normal.id))).toContain('pausedBattery -> queued: on AC power');
});

it('the networkCost setting overrides the OS, "Download anyway" (policy always) lets one through, and a user pause holds', async () => {
  server.serve('/g.bin', randomFile(400_000, { rate: 400_000 }));
  server.serve('/h.bin', randomFile(200_000));
  await service.setSettings({ networkCost: 'roaming' });
  expect(await service.getConditions()).toMatchObject({ cost: 'roaming' });
  const g = await service.createDownload({ url: server.url('/g.bin') });
  const h = await service.createDownload({ url: server.url('/h.bin') });
  await waitFor(service, g.id, (s) => s.state === 'pausedCostedNetwork');
  await service.pause(h.id);
  await service.setCostPolicy(g.id, 'always');
  expect((await waitFinal(service, g.id)).state).toBe('completed');
  await service.setSettings({ networkCost: 'auto' });
  await new Promise((resolve) => setTimeout(resolve, 200));
  // Paused by the user: only the user moves it on, whatever the network does.
  expect((await service.getTransfer(h.id)).state).toBe('paused');
});
