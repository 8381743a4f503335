import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useFerry } from '../state/context.tsx';
import { FILTERS, matchesFilter, totals, type Filter } from '../state/filters.ts';
import { TransferRow } from './TransferRow.tsx';

const FILTER_LABELS: Record<Filter, string> = { all: 'All', active: 'Active', queued: 'Queued', paused: 'Paused', completed: 'Completed', failed: 'Failed', canceled: 'Canceled' };

export function FilterBar() {
  const filter = useFerry((s) => s.filter);
  const setFilter = useFerry((s) => s.setFilter);
  // The same counts as the totals and the rows (filters.ts).
  const counts = useFerry(useShallow((s) => totals(Object.values(s.transfers))));
  return (
    <div className="filters" role="group" aria-label="Show">
      {FILTERS.map((f) => (
        <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
          {FILTER_LABELS[f]} <span className="count">{f === 'all' ? counts.count : counts[f]}</span>
        </button>
      ))}
    </div>
  );
}

export function TransferList() {
  const filter = useFerry((s) => s.filter);
  // Only the ids in view: a row re-renders on its own when its transfer changes.
  const ids = useFerry(useShallow((s) => s.order.filter((id) => matchesFilter(s.transfers[id]!, filter))));
  const empty = useMemo(() => (filter === 'all' ? 'No transfers yet. Add a download, or drop links or files here.' : 'Nothing here.'), [filter]);
  if (ids.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="transfers" aria-label="Transfers">
      {ids.map((id) => (
        <TransferRow key={id} id={id} />
      ))}
    </ul>
  );
}
