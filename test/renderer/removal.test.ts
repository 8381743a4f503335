// Taking transfers off the list in the UI store, against the real engine: a removal that loses
// bytes asks first (and declined, changes nothing), finished ones can be undone, removed rows never
// come back (late batches, answers, reloads), Clear finished keeps failed ones, and a lost link
// freezes the list.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFerryStore, type Question } from '../../renderer/src/state/store.ts';
import { planRemoval, removalQuestion } from '../../renderer/src/state/removal.ts';
import type { TransferSnapshot } from '../../shared/model.ts';
import { randomFile } from '../helpers/fault-server.ts';
import { waitFinal, waitFor } from '../helpers/engine.ts';
import { useUiBed } from '../helpers/ui-bridge.ts';

const bed = useUiBed();

/** A store whose questions are answered by `answers` in turn (recorded in `asked`); frames run at once. */
function storeAnswering(answers: boolean[], undoMs = 60_000) {
  const asked: Question[] = [];
  const store = createFerryStore({
    bridge: bed.bridge,
    scheduleFrame: (cb) => queueMicrotask(cb),
    undoMs,
    confirm: async (question) => {
      asked.push(question);
      return answers.shift() ?? false;
    },
  });
  return { store, asked };
}

async function slowDownload(name: string) {
  bed.server.serve(`/${name}`, randomFile(4_000_000, { rate: 300_000 }));
  const t = await bed.service.createDownload({ url: bed.server.url(`/${name}`), dir: bed.dir });
  return waitFor(bed.service, t.id, (s) => s.state === 'running' && s.bytesTransferred > 30_000);
}

async function finishedDownload(name: string) {
  bed.server.serve(`/${name}`, randomFile(1000));
  return waitFinal(bed.service, (await bed.service.createDownload({ url: bed.server.url(`/${name}`), dir: bed.dir })).id);
}

const ids = async () => (await bed.service.listTransfers()).map((t) => t.id).sort();

describe('removing transfers', () => {
  it('asks before removing a running download; declined, it keeps running with its partial file', async () => {
    const running = await slowDownload('big.iso');
    const { store, asked } = storeAnswering([false, true]);
    try {
      await store.getState().load();
      store.getState().selectAll([running.id]);
      await store.getState().actOnMany([running.id], 'remove');
      expect(asked).toHaveLength(1);
      expect(asked[0]!.title).toBe('Remove big.iso?');
      expect(asked[0]!.body).toMatch(/^It is not finished\. The [\d.]+ kB downloaded so far will be deleted\.$/);
      expect(asked[0]!.keep).toBe('Keep it');
      expect(asked[0]!.go).toMatch(/^Remove and delete [\d.]+ kB$/);
      // Declined: nothing changed.
      expect(store.getState().transfers.get(running.id)).toBeDefined();
      expect((await bed.service.getTransfer(running.id)).state).toBe('running');
      expect(fs.existsSync(path.join(bed.dir, 'big.iso.part'))).toBe(true);
      // Accepted: gone, and its partial file with it.
      await store.getState().act(running.id, 'remove');
      expect(store.getState().transfers.get(running.id)).toBeUndefined();
      expect(await ids()).toEqual([]);
      expect(fs.existsSync(path.join(bed.dir, 'big.iso.part'))).toBe(false);
    } finally {
      store.dispose();
    }
  });

  it('removes finished transfers from the list only, with an undo; the host removes them when the window closes', async () => {
    const done = await finishedDownload('done.bin');
    const { store, asked } = storeAnswering([], 200);
    try {
      await store.getState().load();
      await store.getState().remove([done.id]);
      expect(asked).toEqual([]);
      expect(store.getState().transfers.get(done.id)).toBeUndefined();
      expect(store.getState().undo).toEqual({ count: 1 });
      expect(await ids()).toEqual([done.id]);
      store.getState().undoRemoval();
      expect(store.getState().transfers.get(done.id)?.state).toBe('completed');
      expect(store.getState().undo).toBeNull();

      await store.getState().remove([done.id]);
      await expect.poll(ids).toEqual([]);
      expect(store.getState().undo).toBeNull();
      expect(fs.existsSync(done.path!)).toBe(true);
    } finally {
      store.dispose();
    }
  });

  it('Clear finished takes the completed ones only; failed and canceled stay', async () => {
    const done = await finishedDownload('done.bin');
    const failed = await waitFinal(bed.service, (await bed.service.createDownload({ url: bed.server.url('/missing'), dir: bed.dir })).id);
    const canceled = await bed.service.cancel((await slowDownload('stop.bin')).id);
    const { store } = storeAnswering([], 60_000);
    try {
      await store.getState().load();
      await store.getState().clearFinished();
      expect(store.getState().transfers.ids().sort()).toEqual([failed.id, canceled.id].sort());
      expect(store.getState().undo).toEqual({ count: 1 });
      await store.getState().finishRemoval();
      expect(await ids()).toEqual([failed.id, canceled.id].sort());
      expect(fs.existsSync(done.path!)).toBe(true);
    } finally {
      store.dispose();
    }
  });

  it('never shows a removed row again: not from a late batch, an earlier answer or a reload', async () => {
    const running = await slowDownload('ghost.bin');
    const { store } = storeAnswering([true]);
    try {
      await store.getState().load();
      const stale: TransferSnapshot = { ...store.getState().transfers.get(running.id)!, speed: 146_000 };
      // A batch that waits for its frame when the removal is heard…
      bed.emit('transfersChanged', [stale]);
      await store.getState().actOnMany([running.id], 'remove');
      bed.emit('transfersRemoved', [running.id]);
      // …and batches after it, in later frames.
      bed.emit('transfersChanged', [stale]);
      await new Promise((resolve) => setTimeout(resolve, 0));
      bed.emit('transfersChanged', [{ ...stale, bytesTransferred: stale.bytesTransferred + 1 }]);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(store.getState().transfers.get(running.id)).toBeUndefined();
      expect(store.getState().throughput.at(-1) ?? 0).toBe(0);
      // A list read before the removal, answered after it.
      const listTransfers = bed.bridge.listTransfers;
      bed.bridge.listTransfers = async () => [stale];
      await store.getState().load();
      bed.bridge.listTransfers = listTransfers;
      expect(store.getState().transfers.get(running.id)).toBeUndefined();
    } finally {
      store.dispose();
    }
  });
});

describe('the question before a removal', () => {
  const base = { kind: 'download', url: 'https://h/big.iso', path: '/d/big.iso', speed: 0, eta: null, totalBytes: 80_000_000 } as const;
  const snap = (id: string, state: TransferSnapshot['state'], bytesTransferred: number, kind: 'download' | 'upload' = 'download') =>
    ({ ...base, id, state, bytesTransferred, kind, path: `/d/${id}` }) as unknown as TransferSnapshot;

  it('names what is lost, and nothing is asked when nothing is', () => {
    expect(removalQuestion(planRemoval([snap('big.iso', 'running', 45_000_000)]))).toEqual({
      title: 'Remove big.iso?',
      body: 'It is not finished. The 45.0 MB downloaded so far will be deleted.',
      keep: 'Keep it',
      go: 'Remove and delete 45.0 MB',
    });
    const mixed = planRemoval([snap('a', 'paused', 1_000_000), snap('b', 'queued', 0), snap('c', 'completed', 80_000_000), snap('d', 'running', 500, 'upload')]);
    expect(removalQuestion(mixed)).toEqual({
      title: 'Remove 4 transfers?',
      body: '3 of them are not finished. The 1.0 MB downloaded so far will be deleted. An upload stops and would have to start over. The finished ones leave the list only; their files stay.',
      keep: 'Keep them',
      go: 'Remove and delete 1.0 MB',
    });
    // A failed download keeps its partial file for a retry: removing it loses that too.
    expect(planRemoval([snap('f', 'failed', 2000)]).losing).toHaveLength(1);
    expect(removalQuestion(planRemoval([snap('c', 'completed', 1), snap('x', 'canceled', 0), snap('f', 'failed', 0)]))).toBeNull();
  });
});

describe('a lost link', () => {
  it('freezes the list: no actions while it is lost; live again once the list is read again', async () => {
    const running = await slowDownload('frozen.bin');
    const { store } = storeAnswering([]);
    try {
      await store.getState().load();
      await store.getState().linkChanged(false);
      expect(store.getState().linkLostAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      await store.getState().act(running.id, 'pause');
      await store.getState().actOnMany([running.id], 'pause');
      await store.getState().remove([running.id]);
      expect((await bed.service.getTransfer(running.id)).state).toBe('running');
      await store.getState().linkChanged(true);
      expect(store.getState().linkLostAt).toBeNull();
      await store.getState().act(running.id, 'pause');
      expect(store.getState().transfers.get(running.id)?.state).toBe('paused');
    } finally {
      store.dispose();
    }
  });

  it('an undo window that closes while the link is lost removes only once the link is back', async () => {
    const done = await finishedDownload('later.bin');
    const { store } = storeAnswering([], 50);
    try {
      await store.getState().load();
      await store.getState().remove([done.id]);
      await store.getState().linkChanged(false);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(await ids()).toEqual([done.id]);
      await store.getState().linkChanged(true);
      expect(await ids()).toEqual([]);
      expect(store.getState().transfers.get(done.id)).toBeUndefined();
    } finally {
      store.dispose();
    }
  });
});
