import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useFerry } from '../state/context.tsx';
import { FILTERS, totals } from '../state/filters.ts';
import { SORTS, visibleIds, type Sort } from '../state/view.ts';
import { t } from '../i18n/catalog.ts';
import { count } from '../i18n/format.ts';
import { TransferRow } from './TransferRow.tsx';

export function FilterBar() {
  const filter = useFerry((s) => s.filter);
  const setFilter = useFerry((s) => s.setFilter);
  // The same counts as the totals and the rows (filters.ts).
  const counts = useFerry(useShallow((s) => totals(Object.values(s.transfers))));
  return (
    <div className="filters" role="group" aria-label={t.filters.label}>
      {FILTERS.map((f) => (
        <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
          {t.filters[f]} <span className="count">{count(f === 'all' ? counts.count : counts[f])}</span>
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
    () => (query ? t.list.noMatch(query) : filter === 'all' ? t.list.empty : t.list.emptyFilter),
    [filter, query],
  );
  if (ids.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="transfers" aria-label={t.list.label} aria-multiselectable="true">
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
  const offline = useFerry((s) => s.linkLostAt !== null);
  return (
    <div className="toolbar">
      <input ref={searchRef} type="search" className="search" aria-label={t.list.search} placeholder={t.list.searchPlaceholder} value={query} onChange={(e) => setQuery(e.target.value)} />
      <label className="inline">
        {t.sorts.label}{' '}
        <select value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
          {SORTS.map((key) => (
            <option key={key} value={key}>
              {t.sorts[key]}
            </option>
          ))}
        </select>
      </label>
      {selected.length > 0 && (
        <span className="bulk" role="group" aria-label={t.list.selectedLabel}>
          <span>{t.list.selected(selected.length)}</span>
          <button type="button" disabled={offline} onClick={() => void actOnMany(selected, 'pause')}>{t.list.pauseSelected}</button>
          <button type="button" disabled={offline} onClick={() => void actOnMany(selected, 'resume')}>{t.list.resumeSelected}</button>
          <button type="button" disabled={offline} onClick={() => void actOnMany(selected, 'remove')} title={t.list.removeSelectedHint}>{t.list.removeSelected}</button>
          <button type="button" onClick={() => selectAll(null)}>{t.list.clearSelection}</button>
        </span>
      )}
    </div>
  );
}
