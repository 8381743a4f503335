// Events held for a WebSocket client that is behind: merged into the latest state, never queued.
import { describe, expect, it } from 'vitest';
import { EventCoalescer } from '../../electron/daemon/event-coalescer.ts';
import type { TransferSnapshot } from '../../shared/model.ts';

const snapshot = (id: string, bytesTransferred: number) => ({ id, bytesTransferred }) as TransferSnapshot;

describe('EventCoalescer', () => {
  it('keeps each transfer’s latest snapshot, drops changes a removal makes moot, and the last settings', () => {
    const held = new EventCoalescer();
    for (let i = 0; i < 1000; i++) held.add('transfersChanged', [snapshot('a', i), snapshot('b', i * 2)]);
    held.add('transfersChanged', [snapshot('c', 1)]);
    held.add('transfersRemoved', ['b']);
    held.add('settingsChanged', { maxConcurrent: 1 } as never);
    held.add('settingsChanged', { maxConcurrent: 2 } as never);
    expect(held.take()).toEqual([
      { event: 'transfersChanged', payload: [snapshot('a', 999), snapshot('c', 1)] },
      { event: 'transfersRemoved', payload: ['b'] },
      { event: 'settingsChanged', payload: { maxConcurrent: 2 } },
    ]);
    expect(held.empty).toBe(true);
    expect(held.take()).toEqual([]);
  });
});
