// The transfers as a table (role="grid"): a header to sort, resize and choose columns, and only the
// rows in sight drawn (@tanstack/react-virtual), so 10,000 scroll as smoothly as 10. The grid is one
// tab stop; the keyboard's place in it (the lead row) is its aria-activedescendant, which survives
// rows being drawn and dropped as they scroll.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useFerry, useFerryStore } from '../state/context.tsx';
import { sameOrderAfter, visibleIds, type Sort } from '../state/view.ts';
import type { Filter, Kind } from '../state/filters.ts';
import type { TransferIndex } from '../state/transfer-index.ts';
import { gridTemplate, totalWidth } from '../state/columns.ts';
import { fitColumns, sameFit, type Fit } from '../state/fit-columns.ts';
import { t } from '../i18n/catalog.ts';
import { TableHeader } from './TableHeader.tsx';
import { TransferRow, rowDomId } from './TransferRow.tsx';
import { useInnerWidth, useTableLayout } from './use-table-layout.ts';
import { RowMenu } from './RowMenu.tsx';
import { useGridKeys } from './use-grid-keys.ts';
import { IconSheet } from './IconSheet.tsx';
import { useColumnNeeds } from './use-column-needs.ts';

const HEADER_HEIGHT = 30;
const ROW_HEIGHT = { comfortable: 30, compact: 24 };

/**
 * The ids in view, in order: a row re-renders on its own when its transfer changes. Worked out once
 * per change of the list (not on every render: scrolling re-renders the table each frame), and kept
 * as it was, without filtering and sorting 10,000 rows again, when no changed row was shown, hidden
 * or moved by the change (`sameOrderAfter`): the same array while the order stays the same.
 */
export function useVisibleIds(): string[] {
  const transfers = useFerry((s) => s.transfers);
  const filter = useFerry((s) => s.filter);
  const query = useFerry((s) => s.query);
  const sort = useFerry((s) => s.sort);
  const kind = useFerry((s) => s.kind);
  const last = useRef<{ transfers: TransferIndex; filter: Filter; query: string; sort: Sort; kind: Kind; ids: string[] } | null>(null);
  return useMemo(() => {
    const before = last.current;
    const sameView = before && before.filter === filter && before.query === query && before.kind === kind && before.sort.column === sort.column && before.sort.descending === sort.descending;
    if (sameView && sameOrderAfter(before.transfers, transfers, filter, query, sort, kind)) {
      before.transfers = transfers;
      return before.ids;
    }
    const ids = visibleIds(transfers, filter, query, sort, kind);
    const same = before !== null && ids.length === before.ids.length && ids.every((id, i) => id === before.ids[i]);
    last.current = { transfers, filter, query, sort, kind, ids: same ? before.ids : ids };
    return last.current.ids;
  }, [transfers, filter, query, sort, kind]);
}

function EmptyList() {
  const filter = useFerry((s) => s.filter);
  const query = useFerry((s) => s.query);
  const kind = useFerry((s) => s.kind);
  return <p className="empty">{query ? t.list.noMatch(query) : filter === 'all' && kind === 'all' ? t.list.empty : t.list.emptyFilter}</p>;
}

export function TransferTable({ onDetails }: { onDetails: (id: string) => void }) {
  const ids = useVisibleIds();
  const store = useFerryStore();
  // Until the host's list is read there is nothing to size the columns by (nor to say the list is empty).
  const loaded = useFerry((s) => s.host !== null);
  const layout = useTableLayout();
  const density = useFerry((s) => s.settings?.density ?? 'comfortable');
  const rowHeight = ROW_HEIGHT[density];
  const scrollRef = useRef<HTMLDivElement>(null);
  const [lead, setLead] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ id: string; at: { x: number; y: number } } | null>(null);
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey: useCallback((index: number) => ids[index]!, [ids]),
    // Six rows beyond each edge: enough ahead of a fast wheel, and fewer rows to lay out and keep.
    overscan: 6,
    // The sticky header sits above the rows, inside the same scroller.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);

  const leadTo = useCallback((id: string) => {
    setLead(id);
    scrollRef.current?.focus({ preventScroll: true });
  }, []);
  const openMenu = useCallback((id: string, at: { x: number; y: number }) => setMenu({ id, at }), []);
  const closeMenu = useCallback(() => {
    setMenu(null);
    // Back where the keys were (a click elsewhere then moves the focus on as usual).
    scrollRef.current?.focus({ preventScroll: true });
  }, []);
  const onKeyDown = useGridKeys({
    ids,
    lead,
    store,
    pageSize: Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / rowHeight) - 1),
    onDetails,
    setLead,
    scrollTo: (index) => virtualizer.scrollToIndex(index),
    onMenu: (id) => {
      // Under the row's name, as if it had been right-clicked there.
      const box = document.getElementById(rowDomId(id))?.getBoundingClientRect();
      openMenu(id, { x: (box?.left ?? 0) + 24, y: box?.bottom ?? 0 });
    },
  });

  const items = virtualizer.getVirtualItems();
  const leadShown = lead !== null && items.some((item) => ids[item.index] === lead);
  // Name is the column people read: the others are as wide as what they show and give way first (fit-columns.ts).
  const innerWidth = useInnerWidth(scrollRef);
  const { needs, minimums, actions } = useColumnNeeds(ids);
  const lastFit = useRef<Fit | null>(null);
  const { shown, widths } = useMemo(() => {
    const fit = innerWidth
      ? fitColumns({ columns: layout.columns, widths: layout.widths, room: innerWidth - actions, actions, needs, minimums, kept: layout.resizedLast })
      : { shown: layout.columns, widths: layout.widths };
    // The same fit as before keeps its objects: the rows and the header (memoized) are not drawn again for it.
    if (lastFit.current && sameFit(lastFit.current, fit)) return lastFit.current;
    return (lastFit.current = fit);
  }, [layout.columns, layout.widths, layout.resizedLast, innerWidth, actions, needs, minimums]);
  const style = useMemo(
    () => ({ '--columns': gridTemplate(shown, widths, actions), '--row-height': `${rowHeight}px`, '--head-height': `${HEADER_HEIGHT}px` }) as React.CSSProperties,
    [shown, widths, actions, rowHeight],
  );
  return (
    <div className="table-wrap">
      <IconSheet />
      <div
        ref={scrollRef}
        className="table-scroll"
        role="grid"
        tabIndex={0}
        aria-label={t.list.label}
        aria-multiselectable="true"
        aria-rowcount={ids.length + 1}
        aria-colcount={shown.length + 1}
        aria-activedescendant={leadShown ? rowDomId(lead) : undefined}
        style={style}
        onKeyDown={onKeyDown}
      >
        {loaded && (
          <div className="table-inner" style={{ minWidth: totalWidth(shown, widths, actions) }}>
            <TableHeader columns={shown} chosen={layout.columns} widths={widths} onToggle={layout.toggle} onResize={layout.resize} onReset={layout.reset} />
            <div role="rowgroup" className="table-body" style={{ height: virtualizer.getTotalSize() }}>
              {items.map((item) => (
                <TransferRow
                  key={item.key}
                  id={ids[item.index]!}
                  index={item.index}
                  top={item.start - HEADER_HEIGHT}
                  columns={shown}
                  lead={ids[item.index] === lead}
                  onDetails={onDetails}
                  onLead={leadTo}
                  onMenu={openMenu}
                />
              ))}
            </div>
          </div>
        )}
      </div>
      {loaded && ids.length === 0 && <EmptyList />}
      {menu && <RowMenu id={menu.id} at={menu.at} onClose={closeMenu} onDetails={onDetails} />}
    </div>
  );
}
