// List filters and the totals shown at the top.
import type { TransferSnapshot, TransferState } from '../../../shared/model.ts';

export const FILTERS = ['all', 'active', 'queued', 'completed', 'failed'] as const;
export type Filter = (typeof FILTERS)[number];

const ACTIVE: ReadonlySet<TransferState> = new Set(['running', 'retrying', 'waitingForNetwork', 'pausedCostedNetwork', 'pausedBattery', 'paused']);

export function matchesFilter(t: TransferSnapshot, filter: Filter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'active':
      return ACTIVE.has(t.state);
    case 'queued':
      return t.state === 'queued';
    case 'completed':
      return t.state === 'completed';
    case 'failed':
      return t.state === 'failed' || t.state === 'canceled';
  }
}

export interface Totals {
  count: number;
  active: number;
  queued: number;
  completed: number;
  failed: number;
  speed: number;
  bytesTransferred: number;
  totalBytes: number;
}

export function totals(list: readonly TransferSnapshot[]): Totals {
  const t: Totals = { count: list.length, active: 0, queued: 0, completed: 0, failed: 0, speed: 0, bytesTransferred: 0, totalBytes: 0 };
  for (const item of list) {
    if (item.state === 'running') t.active++;
    if (item.state === 'queued') t.queued++;
    if (item.state === 'completed') t.completed++;
    if (item.state === 'failed') t.failed++;
    t.speed += item.speed;
    if (item.state !== 'canceled' && item.totalBytes !== null) {
      t.bytesTransferred += item.bytesTransferred;
      t.totalBytes += item.totalBytes;
    }
  }
  return t;
}
