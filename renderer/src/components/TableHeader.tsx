// The table's header: a click on a column's name sorts by it (again: the other way), its right edge
// drags to resize (a double-click there: the default width), and the last button or a right-click
// opens the menu of columns.
import { memo, useRef, useState } from 'react';
import { ArrowDown, ArrowUp, Columns3 } from 'lucide-react';
import { useFerry } from '../state/context.tsx';
import { COLUMNS, DEFAULT_WIDTHS, type Column } from '../state/columns.ts';
import { FIRST_DESCENDING } from '../state/view.ts';
import { t } from '../i18n/catalog.ts';
import { Menu } from './Menu.tsx';

interface Props {
  /** The columns drawn; `chosen` also has those a narrow window hides (the menu ticks them). */
  columns: readonly Column[];
  chosen: readonly Column[];
  widths: Record<Column, number>;
  onToggle: (column: Column) => void;
  onResize: (column: Column, width: number) => void;
  onReset: () => void;
}

function ResizeHandle({ column, width, onResize }: { column: Column; width: number; onResize: Props['onResize'] }) {
  return (
    <span
      className="resize-handle"
      role="separator"
      aria-orientation="vertical"
      aria-label={t.columns.resize(t.columns[column])}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={() => onResize(column, DEFAULT_WIDTHS[column])}
      onPointerDown={(event) => {
        event.preventDefault();
        const handle = event.currentTarget;
        handle.setPointerCapture(event.pointerId);
        const startX = event.clientX;
        const move = (e: PointerEvent) => onResize(column, width + e.clientX - startX);
        const up = () => {
          handle.removeEventListener('pointermove', move);
          handle.removeEventListener('pointerup', up);
        };
        handle.addEventListener('pointermove', move);
        handle.addEventListener('pointerup', up);
      }}
    />
  );
}

// Memoized: the table renders again on every frame it scrolls, the header's props stay the same.
export const TableHeader = memo(function TableHeader({ columns, chosen, widths, onToggle, onResize, onReset }: Props) {
  const sort = useFerry((s) => s.sort);
  const setSort = useFerry((s) => s.setSort);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const closeMenu = () => {
    setMenuAt(null);
    // Back to the button, so the keyboard carries on from where the menu was opened.
    menuButton.current?.focus({ preventScroll: true });
  };
  const items = [
    ...COLUMNS.map((column) => ({ label: t.columns[column], checked: chosen.includes(column), disabled: column === 'name', onSelect: () => onToggle(column) })),
    { label: t.columns.reset, onSelect: onReset, separated: true },
  ];
  return (
    <div
      role="rowgroup"
      className="table-head"
      onContextMenu={(event) => {
        event.preventDefault();
        setMenuAt({ x: event.clientX, y: event.clientY });
      }}
    >
      <div role="row" aria-rowindex={1} className="row head-row">
        {columns.map((column) => {
          const sorted = sort.column === column;
          const Arrow = sort.descending ? ArrowDown : ArrowUp;
          return (
            <div key={column} role="columnheader" className={`cell col-${column}`} aria-sort={sorted ? (sort.descending ? 'descending' : 'ascending') : undefined}>
              <button type="button" className="sort" onClick={() => setSort({ column, descending: sorted ? !sort.descending : FIRST_DESCENDING.has(column) })}>
                <span className="cell-text">{t.columns[column]}</span>
                {sorted && <Arrow size={13} aria-hidden="true" />}
              </button>
              <ResizeHandle column={column} width={widths[column]} onResize={onResize} />
            </div>
          );
        })}
        <div role="columnheader" className="cell actions" aria-label={t.columns.actions}>
          <button
            ref={menuButton}
            type="button"
            className="icon quiet"
            aria-label={t.columns.menu}
            title={t.columns.menuHint}
            aria-haspopup="menu"
            aria-expanded={menuAt !== null}
            onClick={(event) => {
              const box = event.currentTarget.getBoundingClientRect();
              setMenuAt({ x: box.right - 180, y: box.bottom + 2 });
            }}
          >
            <Columns3 size={15} aria-hidden="true" />
          </button>
        </div>
      </div>
      {menuAt && <Menu label={t.columns.menu} items={items} at={menuAt} onClose={closeMenu} />}
    </div>
  );
});
