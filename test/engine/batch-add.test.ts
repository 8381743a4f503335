// Many downloads in one call (ferry add -i, a pasted list): checked together, saved together (one
// write of the state for all), and all refused when one is bad, saying which.
import path from 'node:path';
import { expect, it } from 'vitest';
import { randomFile } from '../helpers/fault-server.ts';
import { makeService, useEngineTestBed, waitFinal } from '../helpers/engine.ts';
import { MemoryJobStore } from '../../electron/engine/state/store.ts';

const bed = useEngineTestBed();

it('adds 50 downloads with one save of the state, and they all complete', async () => {
  for (let i = 0; i < 50; i++) bed.server.serve(`/batch/${i}.bin`, randomFile(2000));
  const store = new MemoryJobStore();
  let saves = 0;
  const save = store.save.bind(store);
  store.save = (state) => {
    saves++;
    save(state);
  };
  const service = await makeService(bed.dir, { store, defaults: { maxConcurrent: 1 } });
  try {
    const before = saves;
    const created = await service.createDownloads(Array.from({ length: 50 }, (_, i) => ({ url: bed.server.url(`/batch/${i}.bin`), dir: bed.dir })));
    // The batch itself is one save (a start may follow at once, which is saved on its own).
    expect(saves - before).toBeLessThanOrEqual(2);
    expect(created.map((t) => t.url)).toEqual(Array.from({ length: 50 }, (_, i) => bed.server.url(`/batch/${i}.bin`)));
    expect(Object.keys(store.load().operations)).toHaveLength(50);
    for (const t of created) expect((await waitFinal(service, t.id)).state).toBe('completed');
  } finally {
    await service.shutdown();
  }
});

it('refuses the whole batch when one is bad, naming it, and adds none', async () => {
  const before = (await bed.service.listTransfers()).length;
  await expect(
    bed.service.createDownloads([{ url: bed.server.url('/ok.bin'), dir: bed.dir }, { url: 'gopher://127.0.0.1/x', dir: bed.dir }, { url: bed.server.url('/ok2.bin'), dir: bed.dir }]),
  ).rejects.toMatchObject({ status: 'InvalidUri', message: expect.stringMatching(/^download 2 of 3 \(gopher:\/\/127\.0\.0\.1\/x\): .*; none was added$/) });
  await expect(
    bed.service.createDownloads([{ url: bed.server.url('/a'), path: path.join(bed.dir, 'same.bin') }, { url: bed.server.url('/b'), path: path.join(bed.dir, 'same.bin') }]),
  ).rejects.toMatchObject({ status: 'InvalidArgument', message: expect.stringContaining('the same destination file') });
  expect(await bed.service.listTransfers()).toHaveLength(before);
});

it('counts the batch against the live limit before adding any', async () => {
  const service = await makeService(bed.dir, { maxLive: 3 });
  try {
    await expect(service.createDownloads(Array.from({ length: 4 }, (_, i) => ({ url: bed.server.url(`/lim/${i}`), dir: bed.dir })))).rejects.toMatchObject({ status: 'TooManyTransfers', message: expect.stringContaining('4 more were asked for') });
    expect(await service.listTransfers()).toEqual([]);
  } finally {
    await service.shutdown();
  }
});

it('says when a transfer, or the whole list, has settled, and false when the time is up first', async () => {
  bed.server.serve('/settle/slow.bin', randomFile(400_000, { rate: 1_000_000 }));
  bed.server.serve('/settle/quick.bin', randomFile(1000));
  const [slow, quick] = await bed.service.createDownloads([
    { url: bed.server.url('/settle/slow.bin'), dir: bed.dir },
    { url: bed.server.url('/settle/quick.bin'), dir: bed.dir },
  ]);
  expect(await bed.service.waitUntilSettled([slow!.id], 50)).toBe(false);
  // A short id, as `ferry ls` prints it, names the same transfer (it once counted as settled at once).
  expect(await bed.service.waitUntilSettled([slow!.id.slice(0, 8)], 50)).toBe(false);
  expect(await bed.service.waitUntilSettled([quick!.id], 10_000)).toBe(true);
  expect((await bed.service.getTransfer(quick!.id)).state).toBe('completed');
  // Several: when the last of them ends (an event), not after the time given.
  let asked = Date.now();
  expect(await bed.service.waitUntilSettled([quick!.id, slow!.id], 20_000)).toBe(true);
  expect(Date.now() - asked).toBeLessThan(10_000);
  expect((await bed.service.getTransfer(slow!.id)).state).toBe('completed');
  // The whole list.
  bed.server.serve('/settle/slow2.bin', randomFile(300_000, { rate: 1_000_000 }));
  const later = await bed.service.createDownload({ url: bed.server.url('/settle/slow2.bin'), dir: bed.dir });
  asked = Date.now();
  expect(await bed.service.waitUntilSettled(null, 20_000)).toBe(true);
  expect(Date.now() - asked).toBeLessThan(10_000);
  expect((await bed.service.getTransfer(later.id)).state).toBe('completed');
  await expect(bed.service.waitUntilSettled([quick!.id, 'no-such-id'], 10)).rejects.toMatchObject({ status: 'InvalidArgument', message: expect.stringContaining('no transfer with id') });
});
