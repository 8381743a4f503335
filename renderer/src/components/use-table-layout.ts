// The table's layout as the user left it: shown columns, widths and the column resized last here,
// the sort in the store; read from localStorage once, written back on every change. And the room
// the table has to fit it in.
import { useCallback, useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { useFerry, useFerryStore } from '../state/context.tsx';
import { DEFAULT_LAYOUT, loadLayout, resized, saveLayout, toggleColumn, type Column } from '../state/columns.ts';

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

export function useTableLayout() {
  const store = useFerryStore();
  const sort = useFerry((s) => s.sort);
  const [layout, setLayout] = useState(() => loadLayout(storage()));
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    store.getState().setSort(layout.sort);
    setRestored(true);
    // Once, at the start: later the store's sort is the one that counts.
  }, [store]);

  useEffect(() => {
    // Not before the stored sort is back in the store, or the default would overwrite it.
    if (restored) saveLayout(storage(), { columns: layout.columns, widths: layout.widths, sort, kept: layout.kept });
  }, [layout, sort, restored]);

  const toggle = useCallback((column: Column) => setLayout((l) => ({ ...l, columns: toggleColumn(l.columns, column) })), []);
  // The column the user resized last keeps the width they gave it when a narrow window fits the rest.
  const resize = useCallback((column: Column, width: number) => setLayout((l) => ({ ...l, widths: resized(l.widths, column, width), kept: column })), []);
  const reset = useCallback(() => setLayout({ ...DEFAULT_LAYOUT, columns: [...DEFAULT_LAYOUT.columns], widths: { ...DEFAULT_LAYOUT.widths } }), []);
  const resizedLast = layout.kept !== null && layout.columns.includes(layout.kept) ? layout.kept : null;
  return { columns: layout.columns, widths: layout.widths, resizedLast, toggle, resize, reset };
}

/**
 * The inner width of the table's scroller (0 until measured), followed as the window is resized.
 * Measured before the first paint, and a change applied in the frame it is seen (flushSync), so
 * the fitted widths never show a frame late; the scroller keeps its scrollbar's gutter
 * (table.css), so rows arriving do not change it.
 */
export function useInnerWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => flushSync(() => setWidth(element.clientWidth)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
