// What the list groups transfers into: one definition for the filter buttons (with their counts),
// the rows they show and the totals at the top, so the numbers always agree. Every state is in
// exactly one group.
import type { TransferSnapshot, TransferState } from '../../../shared/model.ts';
import { CATEGORY_IDS, type CategoryId } from '../../../shared/categories.ts';
import type { TransferIndex } from './transfer-index.ts';

export const GROUPS = ['active', 'queued', 'paused', 'completed', 'failed', 'canceled'] as const;
export type Group = (typeof GROUPS)[number];
export const FILTERS = ['all', ...GROUPS] as const;
export type Filter = (typeof FILTERS)[number];
/** Downloads and uploads apart (the sidebar), or both; or one category of file (categories.ts); or one group's members. */
export const KINDS = ['download', 'upload'] as const;
export const CATEGORIES: readonly CategoryId[] = [...CATEGORY_IDS, 'other'];
export type GroupKind = `group:${string}`;
export type Kind = (typeof KINDS)[number] | 'all' | CategoryId | GroupKind;

export function groupKind(name: string): GroupKind {
  return `group:${name}`;
}

/** The group a sidebar choice shows, or null when it is not a group. */
export function groupOfKind(kind: Kind): string | null {
  return kind.startsWith('group:') ? kind.slice('group:'.length) : null;
}

const GROUP_OF: Record<TransferState, Group> = {
  // Moving, or waiting to move by itself (a retry, the network, a cost or battery policy).
  running: 'active',
  retrying: 'active',
  waitingForNetwork: 'active',
  pausedCostedNetwork: 'active',
  pausedBattery: 'active',
  queued: 'queued',
  // Waiting for its time: nothing moves it but the clock (or the user's "Start now").
  scheduled: 'queued',
  // Only the user moves these on.
  paused: 'paused',
  completed: 'completed',
  failed: 'failed',
  canceled: 'canceled',
};

export function groupOf(state: TransferState): Group {
  return GROUP_OF[state];
}

export function matchesFilter(t: Pick<TransferSnapshot, 'state'>, filter: Filter): boolean {
  return filter === 'all' || GROUP_OF[t.state] === filter;
}

export function matchesKind(t: Pick<TransferSnapshot, 'kind' | 'category' | 'group'>, kind: Kind): boolean {
  const group = groupOfKind(kind);
  if (group !== null) return t.group === group;
  return kind === 'all' || t.kind === kind || t.category === kind;
}

/** Counts by group, and the speeds: `speed` in all, `uploadSpeed` the uploads' part of it. */
export type Totals = Record<Group, number> & { count: number; speed: number; uploadSpeed: number; bytesTransferred: number; totalBytes: number };

/**
 * `count` over the store's transfers, worked out once per version of them: the store makes a
 * new index per change, and many components (filters, totals, the chart's sampler) ask during that
 * frame, and on each of their renders. With 10,000 rows that matters.
 */
export function perVersion<T>(count: (list: readonly TransferSnapshot[]) => T): (transfers: TransferIndex) => T {
  const cache = new WeakMap<TransferIndex, T>();
  return (transfers) => {
    if (!cache.has(transfers)) cache.set(transfers, count(transfers.list()));
    return cache.get(transfers)!;
  };
}

export const totalsOf = perVersion(totals);

/**
 * The totals of each kind apart (the sidebar's counts follow the kind shown), and of each group
 * there is (`group:NAME`), in one pass over the list: with 10,000 rows and 200 live ones this runs
 * ten times a second, and a pass per kind took a quarter of the page's time.
 */
export const totalsByKind = perVersion((list): Record<Kind, Totals> => {
  const byKind = Object.fromEntries((['all', ...KINDS, ...CATEGORIES] as Kind[]).map((kind) => [kind, emptyTotals()])) as Record<Kind, Totals>;
  for (const item of list) {
    add(byKind.all, item);
    add(byKind[item.kind], item);
    add(byKind[item.category], item);
    if (item.group) add((byKind[groupKind(item.group)] ??= emptyTotals()), item);
  }
  return byKind;
});

function emptyTotals(): Totals {
  return { count: 0, active: 0, queued: 0, paused: 0, completed: 0, failed: 0, canceled: 0, speed: 0, uploadSpeed: 0, bytesTransferred: 0, totalBytes: 0 };
}

function add(t: Totals, item: TransferSnapshot): void {
  t.count++;
  t[GROUP_OF[item.state]]++;
  t.speed += item.speed;
  if (item.kind === 'upload') t.uploadSpeed += item.speed;
  if (item.state !== 'canceled' && item.totalBytes !== null) {
    t.bytesTransferred += item.bytesTransferred;
    t.totalBytes += item.totalBytes;
  }
}

export function totals(list: readonly TransferSnapshot[]): Totals {
  const t = emptyTotals();
  for (const item of list) add(t, item);
  return t;
}
