// Which rows the list shows and in what order: the filter (filters.ts), a search over names and
// addresses, and a sort by one of the table's columns (newest first unless the user picks another).
// Pure, so the store and tests share it.
import { TRANSFER_STATES, type TransferSnapshot } from '../../../shared/model.ts';
import { displayName } from '../../../shared/display-name.ts';
import { matchesFilter, matchesKind, type Filter, type Kind } from './filters.ts';
import type { TransferIndex } from './transfer-index.ts';

export const SORT_COLUMNS = ['name', 'size', 'progress', 'speed', 'eta', 'status', 'added', 'finished', 'address', 'folder', 'connections', 'priority'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export interface Sort {
  column: SortColumn;
  descending: boolean;
}
export const DEFAULT_SORT: Sort = { column: 'added', descending: true };

/** The first click on a header: numbers and dates biggest/newest first, words A to Z, time left soonest first. */
export const FIRST_DESCENDING: ReadonlySet<SortColumn> = new Set(['size', 'progress', 'speed', 'added', 'finished', 'connections', 'priority']);

function progressOf(t: TransferSnapshot): number {
  if (t.state === 'completed') return 1;
  return t.totalBytes ? t.bytesTransferred / t.totalBytes : 0;
}

export function folderOf(t: Pick<TransferSnapshot, 'path'>): string {
  if (!t.path) return '';
  const cut = Math.max(t.path.lastIndexOf('/'), t.path.lastIndexOf('\\'));
  return cut > 0 ? t.path.slice(0, cut) : t.path;
}

// One collator: localeCompare with options builds one per call, too slow for 10,000 rows.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const byNumber = (of: (t: TransferSnapshot) => number) => (a: TransferSnapshot, b: TransferSnapshot) => of(a) - of(b);
const byText = (of: (t: TransferSnapshot) => string) => (a: TransferSnapshot, b: TransferSnapshot) => collator.compare(of(a), of(b));

const queueRank = (a: TransferSnapshot, b: TransferSnapshot): number => (b.priority === 'high' ? 1 : 0) - (a.priority === 'high' ? 1 : 0) || a.queueOrder - b.queueOrder;

/** Each column's order, smallest first. */
const ASCENDING: Record<SortColumn, (a: TransferSnapshot, b: TransferSnapshot) => number> = {
  name: byText(displayName),
  // Unknown sizes count as smallest, so biggest-first puts them last.
  size: byNumber((t) => t.totalBytes ?? -1),
  progress: byNumber(progressOf),
  speed: byNumber((t) => t.speed),
  eta: byNumber((t) => t.eta ?? Number.MAX_VALUE),
  // Queued ones in the order they will start (priority, then place): sorted by Status, the list shows the queue.
  status: (a, b) => TRANSFER_STATES.indexOf(a.state) - TRANSFER_STATES.indexOf(b.state) || (a.state === 'queued' ? queueRank(a, b) : 0),
  // By the order they were added: a batch (a pasted list, `ferry add -i`) shares one creation time.
  added: byNumber((t) => t.seq),
  finished: byText((t) => t.completedAt ?? ''),
  address: byText((t) => t.url),
  folder: byText(folderOf),
  connections: byNumber((t) => connectionsOf(t) ?? 0),
  priority: byNumber((t) => (t.priority === 'high' ? 1 : 0)),
};

/** How many connections a running download reads over now (one without parts: 1); null when it is not running. */
export function connectionsOf(t: TransferSnapshot): number | null {
  return t.state === 'running' && t.kind === 'download' ? (t.segments?.connections ?? 1) : null;
}

/** Does the transfer match the search (every word, in its name, address or file path)? */
export function matchesQuery(t: TransferSnapshot, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = `${displayName(t)} ${t.url} ${t.path ?? ''}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

export function visibleIds(transfers: TransferIndex, filter: Filter, query: string, sort: Sort, kind: Kind = 'all'): string[] {
  const compare = ASCENDING[sort.column];
  const sign = sort.descending ? -1 : 1;
  return transfers
    .list()
    .filter((t) => matchesFilter(t, filter) && matchesKind(t, kind) && matchesQuery(t, query))
    .sort((a, b) => sign * compare(a, b) || sign * (a.seq - b.seq) || (a.id < b.id ? -1 : 1))
    .map((t) => t.id);
}

/**
 * Does `next` show the same rows in the same order as `prev` did, under the same filter, search and
 * sort? True when `next` is `prev` with some rows replaced, none of them added, none shown or hidden
 * by the change, and none with a new sort key: a progress change under a sort by Added or Name
 * moves nothing, so the list need not filter and sort 10,000 rows again ten times a second.
 */
export function sameOrderAfter(prev: TransferIndex, next: TransferIndex, filter: Filter, query: string, sort: Sort, kind: Kind = 'all'): boolean {
  if (prev === next) return true;
  const changes = next.changesSince(prev);
  if (!changes) return false;
  const compare = ASCENDING[sort.column];
  const shown = (t: TransferSnapshot) => matchesFilter(t, filter) && matchesKind(t, kind) && matchesQuery(t, query);
  return changes.every(({ before, after }) => {
    if (!before) return false;
    const was = shown(before);
    if (was !== shown(after)) return false;
    return !was || (compare(before, after) === 0 && before.seq === after.seq);
  });
}

/** The selection after a click: alone, toggled (Ctrl/Cmd), or the range from the anchor (Shift). */
export function selectionAfter(selected: readonly string[], visible: readonly string[], id: string, mode: 'only' | 'toggle' | 'range', anchor: string | null): string[] {
  if (mode === 'toggle') return selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id];
  if (mode === 'range' && anchor && visible.includes(anchor)) {
    const [from, to] = [visible.indexOf(anchor), visible.indexOf(id)].sort((a, b) => a - b);
    return visible.slice(from, to! + 1);
  }
  return [id];
}
