// The queue's explicit order through the TransferService, with real downloads from a local server:
// moved transfers start in the order shown, several move together, the order is saved and holds
// after a restart, and a transfer with no place in the queue (running, paused) is refused in words.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { makeService, sha256File, tempDir, waitFinal, waitFor } from '../helpers/engine.ts';
import { openHomeStores } from '../../electron/daemon/file-stores.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';
import type { TransferError } from '../../electron/engine/errors/transfer-error.ts';

let server: FaultServer;
let work: string;
const services: TransferService[] = [];
const bodies = new Map<string, Buffer>();
beforeEach(async () => {
  server = await new FaultServer().start();
  work = tempDir('ferry-queue-');
});
afterEach(async () => {
  for (const service of services.splice(0)) await service.shutdown();
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** A service over a home on disk (state.json), one transfer at a time. */
async function open(home: string): Promise<TransferService> {
  const service = await makeService(path.join(work, 'downloads'), { ...openHomeStores(home, () => undefined), defaults: { maxConcurrent: 1 } });
  services.push(service);
  return service;
}

/** A slow download that holds the one slot, then five small ones queued behind it. */
async function queueFive(service: TransferService): Promise<{ hold: string; ids: Record<string, string> }> {
  server.serve('/hold.bin', randomFile(4_000_000, { rate: 50_000 }));
  const hold = (await service.createDownload({ url: server.url('/hold.bin'), connections: 1 })).id;
  await waitFor(service, hold, (t) => t.state === 'running');
  const ids: Record<string, string> = {};
  for (const name of ['q1', 'q2', 'q3', 'q4', 'q5']) {
    const file = randomFile(20_000);
    bodies.set(name, file.body);
    server.serve(`/${name}.bin`, file);
    ids[name] = (await service.createDownload({ url: server.url(`/${name}.bin`) })).id;
  }
  return { hold, ids };
}

/** The queued ones as the scheduler will start them: priority, then place. */
async function queueOf(service: TransferService, ids: Record<string, string>): Promise<string[]> {
  const names = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
  return (await service.listTransfers())
    .filter((t) => t.state === 'queued' && names.has(t.id))
    .sort((a, b) => (a.priority === b.priority ? a.queueOrder - b.queueOrder : a.priority === 'high' ? -1 : 1))
    .map((t) => names.get(t.id)!);
}

/** Lets the queue run (the hold paused) and answers the order the server was asked for the files. */
async function runQueue(service: TransferService, hold: string, ids: Record<string, string>): Promise<string[]> {
  await service.pause(hold);
  for (const id of Object.values(ids)) expect((await waitFinal(service, id)).state).toBe('completed');
  return server.requests.map((r) => r.path.replace(/^\/(.*)\.bin$/, '$1')).filter((name) => name in ids);
}

it('starts moved transfers in the order they were moved to: top, up, down, bottom, and several at once', async () => {
  const home = path.join(work, 'home');
  fs.mkdirSync(home, { mode: 0o700 });
  const service = await open(home);
  const { hold, ids } = await queueFive(service);
  expect(await queueOf(service, ids)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
  await service.moveInQueue([ids['q4']!], 'top');
  expect(await queueOf(service, ids)).toEqual(['q4', 'q1', 'q2', 'q3', 'q5']);
  await service.moveInQueue([ids['q2']!], 'up');
  expect(await queueOf(service, ids)).toEqual(['q4', 'q2', 'q1', 'q3', 'q5']);
  await service.moveInQueue([ids['q4']!], 'down');
  expect(await queueOf(service, ids)).toEqual(['q2', 'q4', 'q1', 'q3', 'q5']);
  // Two at once, by their short ids as `ferry ls` prints them: they keep their order at the bottom.
  const moved = await service.moveInQueue([ids['q2']!.slice(0, 8), ids['q1']!.slice(0, 8)], 'bottom');
  expect(moved.map((t) => t.id)).toEqual([ids['q2'], ids['q1']]);
  expect(await queueOf(service, ids)).toEqual(['q4', 'q3', 'q5', 'q2', 'q1']);
  expect(await runQueue(service, hold, ids)).toEqual(['q4', 'q3', 'q5', 'q2', 'q1']);
  for (const name of ['q4', 'q1']) expect(sha256File(path.join(work, 'downloads', `${name}.bin`))).toBe(sha256(bodies.get(name)!));
});

it('puts dropped transfers right before or after another, keeping their order, with its priority; refuses a target not queued or moved itself', async () => {
  const home = path.join(work, 'home');
  fs.mkdirSync(home, { mode: 0o700 });
  const service = await open(home);
  const { hold, ids } = await queueFive(service);
  await service.moveInQueue([ids['q5']!], { before: ids['q2']! });
  expect(await queueOf(service, ids)).toEqual(['q1', 'q5', 'q2', 'q3', 'q4']);
  // Two at once (in the list's order, whatever order they are given in), after the last one.
  await service.moveInQueue([ids['q2']!, ids['q1']!], { after: ids['q4']!.slice(0, 8) });
  expect(await queueOf(service, ids)).toEqual(['q5', 'q3', 'q4', 'q1', 'q2']);
  // Next to a high-priority one: it joins it, so the order shown is the order started.
  await service.moveInQueue([ids['q3']!], 'top');
  expect((await service.getTransfer(ids['q3']!)).priority).toBe('default');
  await service.createDownload({ url: server.url('/q1.bin'), priority: 'high', path: path.join(work, 'downloads', 'high.bin') }).then((t) => (ids['hi'] = t.id));
  expect(await queueOf(service, ids)).toEqual(['hi', 'q3', 'q5', 'q4', 'q1', 'q2']);
  await service.moveInQueue([ids['q2']!], { after: ids['hi']! });
  expect((await service.getTransfer(ids['q2']!)).priority).toBe('high');
  expect(await queueOf(service, ids)).toEqual(['hi', 'q2', 'q3', 'q5', 'q4', 'q1']);
  const refused = async (promise: Promise<unknown>) => (await promise.then(() => null, (error: unknown) => error)) as TransferError | null;
  expect((await refused(service.moveInQueue([ids['q4']!], { before: hold })))?.message).toBe(`transfer ${hold} is running: only a queued transfer has a place in the queue`);
  expect((await refused(service.moveInQueue([ids['q4']!, ids['q1']!], { after: ids['q1']! })))?.message).toBe(`transfer ${ids['q1']} is one of those moved: they cannot go next to themselves`);
  expect(await queueOf(service, ids)).toEqual(['hi', 'q2', 'q3', 'q5', 'q4', 'q1']);
  // The high one fetched /q1.bin too: it comes first.
  expect(await runQueue(service, hold, ids)).toEqual(['q1', 'q2', 'q3', 'q5', 'q4', 'q1']);
});

it('keeps the order after a restart: it is saved with the transfers', async () => {
  const home = path.join(work, 'home');
  fs.mkdirSync(home, { mode: 0o700 });
  const first = await open(home);
  const { ids } = await queueFive(first);
  await first.moveInQueue([ids['q5']!, ids['q3']!], 'top');
  await first.moveInQueue([ids['q1']!], 'bottom');
  expect(await queueOf(first, ids)).toEqual(['q3', 'q5', 'q2', 'q4', 'q1']);
  await first.shutdown();
  services.splice(0);
  const saved = JSON.parse(fs.readFileSync(path.join(home, 'state.json'), 'utf8')) as { operations: Record<string, { queueOrder: number }> };
  expect(saved.operations[ids['q3']!]!.queueOrder).toBeLessThan(saved.operations[ids['q2']!]!.queueOrder);

  const second = await open(home);
  const hold = (await second.listTransfers()).find((t) => t.url.endsWith('/hold.bin'))!.id;
  // The hold was running: it starts again first, having the lowest place of all.
  await waitFor(second, hold, (t) => t.state === 'running');
  expect(await queueOf(second, ids)).toEqual(['q3', 'q5', 'q2', 'q4', 'q1']);
  // Added after the restart: at the end of the queue, after the one moved to the bottom.
  server.serve('/q6.bin', randomFile(20_000));
  const q6 = (await second.createDownload({ url: server.url('/q6.bin') })).id;
  expect(await runQueue(second, hold, { ...ids, q6 })).toEqual(['q3', 'q5', 'q2', 'q4', 'q1', 'q6']);
});

it('refuses a transfer that has no place in the queue, and an unknown id, changing nothing', async () => {
  const home = path.join(work, 'home');
  fs.mkdirSync(home, { mode: 0o700 });
  const service = await open(home);
  const { hold, ids } = await queueFive(service);
  const refused = async (promise: Promise<unknown>) => (await promise.then(() => null, (error: unknown) => error)) as TransferError | null;
  const running = await refused(service.moveInQueue([ids['q2']!, hold], 'top'));
  expect(running?.status).toBe('InvalidArgument');
  expect(running?.message).toBe(`transfer ${hold} is running: only a queued transfer has a place in the queue`);
  const unknown = await refused(service.moveInQueue(['ffffffff-0000-0000-0000-000000000000'], 'up'));
  expect(unknown?.status).toBe('InvalidArgument');
  expect(unknown?.message).toBe('no transfer with id ffffffff-0000-0000-0000-000000000000');
  await service.pause(ids['q3']!);
  expect((await refused(service.moveInQueue([ids['q3']!], 'bottom')))?.message).toBe(`transfer ${ids['q3']} is paused: only a queued transfer has a place in the queue`);
  expect(await queueOf(service, ids)).toEqual(['q1', 'q2', 'q4', 'q5']);
});

it('gives a normal transfer moved to the top past a high one the high priority, so it starts first', async () => {
  const home = path.join(work, 'home');
  fs.mkdirSync(home, { mode: 0o700 });
  const service = await open(home);
  const { hold, ids } = await queueFive(service);
  server.serve('/urgent.bin', randomFile(20_000));
  const urgent = (await service.createDownload({ url: server.url('/urgent.bin'), priority: 'high' })).id;
  const all = { ...ids, urgent };
  expect(await queueOf(service, all)).toEqual(['urgent', 'q1', 'q2', 'q3', 'q4', 'q5']);
  const [moved] = await service.moveInQueue([ids['q5']!], 'top');
  expect(moved).toMatchObject({ priority: 'high' });
  expect(await runQueue(service, hold, all)).toEqual(['q5', 'urgent', 'q1', 'q2', 'q3', 'q4']);
});
