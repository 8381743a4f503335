import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useFerry } from '../state/context.tsx';
import { FILTERS, totals, type Filter } from '../state/filters.ts';
import { SORT_LABELS, SORTS, visibleIds, type Sort } from '../state/view.ts';
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

/** The ids in view, in order: a row re-renders on its own when its transfer changes. */
export function useVisibleIds(): string[] {
  return useFerry(useShallow((s) => visibleIds(s.transfers, s.filter, s.query, s.sort)));
}

export function TransferList({ onDetails }: { onDetails: (id: string) => void }) {
  const filter = useFerry((s) => s.filter);
  const query = useFerry((s) => s.query);
  const ids = useVisibleIds();
  const empty = useMemo(
    () => (query ? `Nothing matches "${query}".` : filter === 'all' ? 'No transfers yet. Add a download, or drop links or files here.' : 'Nothing here.'),
    [filter, query],
  );
  if (ids.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="transfers" aria-label="Transfers" aria-multiselectable="true">
      {ids.map((id) => (
        <TransferRow key={id} id={id} onDetails={onDetails} />
      ))}
    </ul>
  );
}

/** Search, sort, and what to do with the selected rows. */
export function ListToolbar({ searchRef }: { searchRef: React.RefObject<HTMLInputElement | null> }) {
  const query = useFerry((s) => s.query);
  const sort = useFerry((s) => s.sort);
  const selected = useFerry((s) => s.selected);
  const setQuery = useFerry((s) => s.setQuery);
  const setSort = useFerry((s) => s.setSort);
  const actOnMany = useFerry((s) => s.actOnMany);
  const selectAll = useFerry((s) => s.selectAll);
  return (
    <div className="toolbar">
      <input ref={searchRef} type="search" className="search" aria-label="Search transfers" placeholder="Search (/)" value={query} onChange={(e) => setQuery(e.target.value)} />
      <label className="inline">
        Sort by{' '}
        <select value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
          {SORTS.map((key) => (
            <option key={key} value={key}>
              {SORT_LABELS[key]}
            </option>
          ))}
        </select>
      </label>
      {selected.length > 0 && (
        <span className="bulk" role="group" aria-label="Selected transfers">
          <span>{`${selected.length} selected`}</span>
          <button type="button" onClick={() => void actOnMany(selected, 'pause')}>Pause selected</button>
          <button type="button" onClick={() => void actOnMany(selected, 'resume')}>Resume selected</button>
          <button type="button" onClick={() => void actOnMany(selected, 'remove')} title="Take them off the list; their files stay">Remove selected</button>
          <button type="button" onClick={() => selectAll(null)}>Clear selection</button>
        </span>
      )}
    </div>
  );
}
