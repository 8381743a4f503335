// The shared flush of a segmented download's file: callers are answered only by a sync that began
// after they asked; syncs are at most one at a time and spaced unless urgent; a failure rejects.
import { describe, expect, it } from 'vitest';
import { SyncGate } from '../../electron/engine/storage/sync-gate.ts';

function manualSync(): { datasync: () => Promise<void>; started: number; finish(error?: Error): void } {
  const pending: Array<{ resolve(): void; reject(e: Error): void }> = [];
  const box = {
    started: 0,
    datasync: () =>
      new Promise<void>((resolve, reject) => {
        box.started++;
        pending.push({ resolve, reject });
      }),
    finish(error?: Error) {
      const next = pending.shift()!;
      if (error) next.reject(error);
      else next.resolve();
    },
  };
  return box;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SyncGate', () => {
  it('joins callers to one sync and answers a later caller only with a sync that started after it asked', async () => {
    const disk = manualSync();
    const now = 0;
    const gate = new SyncGate(disk.datasync, 2000, () => now);
    const answered: string[] = [];
    void gate.sync(true).then(() => answered.push('a'));
    expect(disk.started).toBe(1);
    // Asked while the first sync is in flight: it must wait for the next one.
    void gate.sync(true).then(() => answered.push('b'));
    void gate.sync(true).then(() => answered.push('c'));
    disk.finish();
    await tick();
    expect(answered).toEqual(['a']);
    expect(disk.started).toBe(2);
    disk.finish();
    await tick();
    expect(answered).toEqual(['a', 'b', 'c']);
    expect(disk.started).toBe(2);
  });

  it('spaces syncs that are not urgent, and an urgent caller does not wait for the gap', async () => {
    const disk = manualSync();
    const now = 10_000;
    const gate = new SyncGate(disk.datasync, 2000, () => now);
    void gate.sync();
    expect(disk.started).toBe(1);
    disk.finish();
    await tick();
    void gate.sync();
    await tick();
    expect(disk.started).toBe(1);
    void gate.sync(true);
    expect(disk.started).toBe(2);
    disk.finish();
    gate.close();
  });

  it('rejects every caller a failed sync was answering', async () => {
    const disk = manualSync();
    const gate = new SyncGate(disk.datasync, 0);
    const a = gate.sync(true);
    disk.finish(new Error('EIO'));
    await expect(a).rejects.toThrow('EIO');
    const b = gate.sync(true);
    disk.finish();
    await expect(b).resolves.toBeUndefined();
  });
});
