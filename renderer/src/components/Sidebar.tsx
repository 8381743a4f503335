// The sidebar: the states to show (All, Active, Queued, ...) with their counts, downloads and
// uploads apart, the categories of file (Video, Audio, ...) and the groups transfers were added to.
// The state counts are of the kind shown, so they match the rows (filters.ts). Each group has its
// Edit group… button beside it (GroupEditor).
import { useFerry } from '../state/context.tsx';
import { CATEGORIES, FILTERS, groupKind, groupOfKind, KINDS, totals, totalsByKind, type Kind } from '../state/filters.ts';
import { t } from '../i18n/catalog.ts';
import { count } from '../i18n/format.ts';

function Count({ n }: { n: number }) {
  return <span className="count">{count(n)}</span>;
}

export function Sidebar() {
  const filter = useFerry((s) => s.filter);
  const kind = useFerry((s) => s.kind);
  const setFilter = useFerry((s) => s.setFilter);
  const setKind = useFerry((s) => s.setKind);
  const editGroup = useFerry((s) => s.editGroup);
  const byKind = useFerry((s) => totalsByKind(s.transfers));
  // A group chosen whose last member left still shows (with 0), so it can be unchosen.
  const shown = byKind[kind] ?? totals([]);
  const chosenGroup = groupOfKind(kind);
  const groups = (Object.keys(byKind) as Kind[]).filter((k) => groupOfKind(k) !== null).sort((a, b) => a.localeCompare(b));
  if (chosenGroup !== null && !groups.includes(kind)) groups.push(groupKind(chosenGroup));
  return (
    <nav className="sidebar">
      <div role="group" aria-label={t.filters.label}>
        {FILTERS.map((f) => (
          <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
            <span className="cell-text">{t.filters[f]}</span> <Count n={f === 'all' ? shown.count : shown[f]} />
          </button>
        ))}
      </div>
      <div role="group" aria-label={t.filters.kindLabel}>
        {KINDS.map((k) => (
          <button key={k} type="button" aria-pressed={kind === k} title={t.filters.kindHint} onClick={() => setKind(kind === k ? 'all' : k)}>
            <span className="cell-text">{t.filters[k]}</span> <Count n={byKind[k].count} />
          </button>
        ))}
      </div>
      <div role="group" aria-label={t.filters.categoryLabel}>
        {CATEGORIES.map((c) => (
          <button key={c} type="button" aria-pressed={kind === c} title={t.filters.categoryHint} onClick={() => setKind(kind === c ? 'all' : c)}>
            <span className="cell-text">{t.categories[c]}</span> <Count n={byKind[c].count} />
          </button>
        ))}
      </div>
      {groups.length > 0 && (
        <div role="group" aria-label={t.filters.groupLabel}>
          {groups.map((g) => (
            <div key={g} className="group-entry">
              <button type="button" aria-pressed={kind === g} title={t.filters.groupHint} onClick={() => setKind(kind === g ? 'all' : g)}>
                <span className="cell-text">{groupOfKind(g)}</span> <Count n={byKind[g]?.count ?? 0} />
              </button>
              <button type="button" className="group-edit" aria-label={t.groupEditor.edit(groupOfKind(g)!)} title={t.groupEditor.edit(groupOfKind(g)!)} onClick={() => editGroup(groupOfKind(g))}>
                {t.groupEditor.editMark}
              </button>
            </div>
          ))}
        </div>
      )}
    </nav>
  );
}
