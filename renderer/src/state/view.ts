// Which rows the list shows and in what order: the filter (filters.ts), a search over names and
// addresses, and a sort (newest first unless the user picks another). Pure, so the store and tests
// share it.
import type { TransferSnapshot } from '../../../shared/model.ts';
import { displayName } from '../../../shared/display-name.ts';
import { matchesFilter, type Filter } from './filters.ts';

export const SORTS = ['newest', 'oldest', 'name', 'size', 'progress'] as const;
export type Sort = (typeof SORTS)[number];

function progressOf(t: TransferSnapshot): number {
  if (t.state === 'completed') return 1;
  return t.totalBytes ? t.bytesTransferred / t.totalBytes : 0;
}

const COMPARE: Record<Sort, (a: TransferSnapshot, b: TransferSnapshot) => number> = {
  // By the order they were added: a batch (a pasted list, `ferry add -i`) shares one creation time.
  newest: (a, b) => b.seq - a.seq,
  oldest: (a, b) => a.seq - b.seq,
  name: (a, b) => displayName(a).localeCompare(displayName(b), undefined, { numeric: true, sensitivity: 'base' }),
  // Biggest first; unknown sizes last.
  size: (a, b) => (b.totalBytes ?? -1) - (a.totalBytes ?? -1),
  progress: (a, b) => progressOf(b) - progressOf(a),
};

/** Does the transfer match the search (every word, in its name, address or file path)? */
export function matchesQuery(t: TransferSnapshot, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = `${displayName(t)} ${t.url} ${t.path ?? ''}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

export function visibleIds(transfers: Record<string, TransferSnapshot>, filter: Filter, query: string, sort: Sort): string[] {
  return Object.values(transfers)
    .filter((t) => matchesFilter(t, filter) && matchesQuery(t, query))
    .sort((a, b) => COMPARE[sort](a, b) || a.id.localeCompare(b.id))
    .map((t) => t.id);
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
