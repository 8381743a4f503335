// A host hears "canceled" only once the partial file is gone: no UI shows Canceled beside a .part,
// and `ferry wait` does not return while it is still there.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { randomFile } from '../helpers/fault-server.ts';
import { makeService, useEngineTestBed, waitFor } from '../helpers/engine.ts';
import { MemoryJobStore } from '../../electron/engine/state/store.ts';

const bed = useEngineTestBed();

/**
 * A store on a slow disk: while held, a flush (the cancel's save) takes until `until` settles or a
 * second has passed, well past the 100 ms in which the list's changes are batched.
 */
class SlowDiskStore extends MemoryJobStore {
  private hold: Promise<unknown> | null = null;
  holdFlushes(until: Promise<unknown>): void {
    this.hold = Promise.race([until, new Promise((resolve) => setTimeout(resolve, 1000))]);
  }
  override async flush(): Promise<void> {
    await this.hold;
  }
}

async function slowDiskService(): Promise<SlowDiskStore> {
  const store = new SlowDiskStore();
  await bed.service.shutdown();
  bed.service = await makeService(bed.dir, { store });
  return store;
}

it('announces a cancel after the part file is removed', async () => {
  bed.server.serve('/c.bin', randomFile(2_000_000, { rate: 300_000 }));
  const t = await bed.service.createDownload({ url: bed.server.url('/c.bin') });
  await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 100_000);
  const part = path.join(bed.dir, 'c.bin.part');
  expect(fs.existsSync(part)).toBe(true);
  const seen: boolean[] = [];
  const off = bed.service.on('transfersChanged', (list) => {
    for (const s of list) if (s.id === t.id && s.state === 'canceled') seen.push(fs.existsSync(part));
  });
  await bed.service.cancel(t.id);
  await new Promise((resolve) => setTimeout(resolve, 300));
  off();
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.every((exists) => !exists)).toBe(true);
});

it('on a slow disk, no batch of changes says "canceled" while the part file is there, and none follows', async () => {
  const store = await slowDiskService();
  bed.server.serve('/slow-disk.bin', randomFile(2_000_000, { rate: 300_000 }));
  const t = await bed.service.createDownload({ url: bed.server.url('/slow-disk.bin') });
  await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 100_000);
  const part = path.join(bed.dir, 'slow-disk.bin.part');
  expect(fs.existsSync(part)).toBe(true);
  // What each batch said of the transfer once the cancel was asked, and whether the part file was there.
  const heard: Array<{ state: string; partThere: boolean }> = [];
  let heardOne: () => void = () => undefined;
  bed.service.on('transfersChanged', (list) => {
    for (const s of list) if (s.id === t.id) heard.push({ state: s.state, partThere: fs.existsSync(part) });
    heardOne();
  });
  store.holdFlushes(new Promise<void>((resolve) => (heardOne = resolve)));
  const canceled = await bed.service.cancel(t.id);
  expect(canceled.state).toBe('canceled');
  // Several batch intervals: a late batch would bring the row back in another state.
  await new Promise((resolve) => setTimeout(resolve, 400));
  // Before the first "canceled", only the progress of the run being stopped (it still ran: a
  // loaded machine delivers such a batch while the cancel waits for the run to stop); from it on,
  // "canceled" with the part file gone, and nothing else.
  const first = heard.findIndex((h) => h.state === 'canceled');
  expect(first).toBeGreaterThanOrEqual(0);
  expect(heard.slice(0, first).map((h) => h.state)).toEqual(heard.slice(0, first).map(() => 'running'));
  expect(heard.slice(first)).toEqual(heard.slice(first).map(() => ({ state: 'canceled', partThere: false })));
  expect(fs.readdirSync(bed.dir)).toEqual([]);
});

it('on a slow disk, waiting for a canceled transfer ends only once its part file is gone, whatever else changes meanwhile', async () => {
  const store = await slowDiskService();
  bed.server.serve('/waited.bin', randomFile(2_000_000, { rate: 300_000 }));
  bed.server.serve('/other.bin', randomFile(4_000_000, { rate: 300_000 }));
  const t = await bed.service.createDownload({ url: bed.server.url('/waited.bin') });
  const other = await bed.service.createDownload({ url: bed.server.url('/other.bin') });
  await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 100_000);
  await waitFor(bed.service, other.id, (s) => s.bytesTransferred > 100_000);
  const part = path.join(bed.dir, 'waited.bin.part');
  expect(fs.existsSync(part)).toBe(true);
  // `ferry wait <id>` asks this; the other download's progress keeps the list's events coming.
  const waited = bed.service.waitUntilSettled([t.id], 10_000).then((settled) => ({ settled, partThere: fs.existsSync(part) }));
  store.holdFlushes(waited);
  await bed.service.cancel(t.id);
  expect(await waited).toEqual({ settled: true, partThere: false });
  expect((await bed.service.getTransfer(other.id)).state).toBe('running');
});
