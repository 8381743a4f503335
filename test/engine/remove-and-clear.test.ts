// Taking transfers off the list: remove (a running one is stopped and its partial file goes),
// remove with the file, clear finished, and the keepFinished limit; hosts hear of each.
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { randomFile } from '../helpers/fault-server.ts';
import { useEngineTestBed, waitFinal, waitFor } from '../helpers/engine.ts';

const bed = useEngineTestBed();

function removals(): string[][] {
  const heard: string[][] = [];
  bed.service.on('transfersRemoved', (ids) => heard.push(ids));
  return heard;
}

it('removes a running transfer: stopped, its partial file deleted, gone from the list', async () => {
  const heard = removals();
  bed.server.serve('/run.bin', randomFile(2_000_000, { rate: 200_000 }));
  const t = await bed.service.createDownload({ url: bed.server.url('/run.bin'), dir: bed.dir });
  await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 20_000);
  expect(await bed.service.remove(t.id)).toEqual({ id: t.id, fileDeleted: false });
  expect(await bed.service.listTransfers()).toEqual([]);
  expect(fs.readdirSync(bed.dir)).toEqual([]);
  expect(heard).toEqual([[t.id]]);
  await expect(bed.service.getTransfer(t.id)).rejects.toMatchObject({ status: 'InvalidArgument' });
});

it('removes a finished transfer and keeps its file, or deletes the file when asked (only the file Ferry wrote)', async () => {
  bed.server.serve('/keep.bin', randomFile(1000));
  bed.server.serve('/drop.bin', randomFile(1000));
  bed.server.serve('/swapped.bin', randomFile(1000));
  const keep = await waitFinal(bed.service, (await bed.service.createDownload({ url: bed.server.url('/keep.bin'), dir: bed.dir })).id);
  const drop = await waitFinal(bed.service, (await bed.service.createDownload({ url: bed.server.url('/drop.bin'), dir: bed.dir })).id);
  const swapped = await waitFinal(bed.service, (await bed.service.createDownload({ url: bed.server.url('/swapped.bin'), dir: bed.dir })).id);
  expect(await bed.service.remove(keep.id)).toEqual({ id: keep.id, fileDeleted: false });
  expect(fs.existsSync(keep.path!)).toBe(true);
  expect(await bed.service.remove(drop.id, { deleteFile: true })).toEqual({ id: drop.id, fileDeleted: true });
  expect(fs.existsSync(drop.path!)).toBe(false);
  // Someone put another file there since: it is not Ferry's to delete.
  fs.rmSync(swapped.path!);
  fs.writeFileSync(swapped.path!, 'mine');
  expect(await bed.service.remove(swapped.id, { deleteFile: true })).toEqual({ id: swapped.id, fileDeleted: false });
  expect(fs.readFileSync(swapped.path!, 'utf8')).toBe('mine');
});

it('after a removal, no change of the removed transfer follows (a late progress batch would bring its row back)', async () => {
  bed.server.serve('/late.bin', randomFile(4_000_000, { rate: 400_000 }));
  const t = await bed.service.createDownload({ url: bed.server.url('/late.bin'), dir: bed.dir });
  await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 50_000);
  const order: string[] = [];
  bed.service.on('transfersChanged', (list) => list.forEach((s) => s.id === t.id && order.push(`changed ${s.state}`)));
  bed.service.on('transfersRemoved', (ids) => ids.includes(t.id) && order.push('removed'));
  await bed.service.remove(t.id);
  // Longer than a batch interval (100 ms) several times over.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(order.at(-1)).toBe('removed');
  expect(order.filter((e) => e === 'removed')).toHaveLength(1);
});

it('clears completed transfers only, unless told which; failed and canceled ones stay; files stay', async () => {
  bed.server.serve('/done.bin', randomFile(1000));
  bed.server.serve('/slow.bin', randomFile(2_000_000, { rate: 100_000 }));
  bed.server.serve('/stop.bin', randomFile(2_000_000, { rate: 100_000 }));
  const done = await waitFinal(bed.service, (await bed.service.createDownload({ url: bed.server.url('/done.bin'), dir: bed.dir })).id);
  const failed = await waitFinal(bed.service, (await bed.service.createDownload({ url: bed.server.url('/missing'), dir: bed.dir })).id);
  const canceled = await bed.service.cancel((await bed.service.createDownload({ url: bed.server.url('/stop.bin'), dir: bed.dir })).id);
  const slow = await bed.service.createDownload({ url: bed.server.url('/slow.bin'), dir: bed.dir });
  const ids = async () => (await bed.service.listTransfers()).map((t) => t.id).sort();
  expect(await bed.service.clearFinished()).toEqual([done.id]);
  expect(await ids()).toEqual([failed.id, canceled.id, slow.id].sort());
  expect(fs.existsSync(done.path!)).toBe(true);
  expect(await bed.service.clearFinished({ states: ['failed'] })).toEqual([failed.id]);
  expect(await bed.service.clearFinished({ states: ['canceled', 'completed'] })).toEqual([canceled.id]);
  expect(await ids()).toEqual([slow.id]);
});

it('keeps at most keepFinished finished transfers: the ones that finished longest ago leave the list', async () => {
  await bed.service.setSettings({ keepFinished: 2 });
  const heard = removals();
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) {
    bed.server.serve(`/k${i}.bin`, randomFile(500));
    ids.push((await waitFinal(bed.service, (await bed.service.createDownload({ url: bed.server.url(`/k${i}.bin`), dir: bed.dir })).id)).id);
  }
  expect((await bed.service.listTransfers()).map((t) => t.id)).toEqual(ids.slice(2));
  expect(heard.flat()).toEqual(ids.slice(0, 2));
  expect(fs.readdirSync(bed.dir).sort()).toEqual(['k0.bin', 'k1.bin', 'k2.bin', 'k3.bin']);
});
