// The controls above the table: the search, and the selection's buttons.
import { ListX, Pause, Play, X } from 'lucide-react';
import { useFerry } from '../state/context.tsx';
import { t } from '../i18n/catalog.ts';

/** Search, and what to do with the selected rows (the header sorts). */
export function ListToolbar({ searchRef }: { searchRef: React.RefObject<HTMLInputElement | null> }) {
  const query = useFerry((s) => s.query);
  const selected = useFerry((s) => s.selected);
  const setQuery = useFerry((s) => s.setQuery);
  const actOnMany = useFerry((s) => s.actOnMany);
  const selectAll = useFerry((s) => s.selectAll);
  const offline = useFerry((s) => s.linkLostAt !== null);
  const none = selected.length === 0;
  const bulk = [
    { label: t.list.pauseSelected, hint: null, Icon: Pause, run: () => void actOnMany(selected, 'pause'), always: false },
    { label: t.list.resumeSelected, hint: null, Icon: Play, run: () => void actOnMany(selected, 'resume'), always: false },
    { label: t.list.removeSelected, hint: t.list.removeSelectedHint, Icon: ListX, run: () => void actOnMany(selected, 'remove'), always: false },
    { label: t.list.clearSelection, hint: null, Icon: X, run: () => selectAll(null), always: true },
  ];
  return (
    <div className="toolbar">
      <input ref={searchRef} type="search" className="search" aria-label={t.list.search} placeholder={t.list.searchPlaceholder} value={query} onChange={(e) => setQuery(e.target.value)} />
      {/* Always there (disabled with nothing selected): selecting never moves the table. */}
      <span className="bulk" role="group" aria-label={t.list.selectedLabel}>
        <span className="selected-count">{selected.length > 0 ? t.list.selected(selected.length) : t.list.noneSelected}</span>
        {bulk.map(({ label, hint, Icon, run, always }) => (
          <button key={label} type="button" className="icon" disabled={none || (offline && !always)} onClick={run} aria-label={label} title={hint ?? label}>
            <Icon size={16} aria-hidden="true" />
          </button>
        ))}
      </span>
    </div>
  );
}
