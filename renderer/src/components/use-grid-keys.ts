// The table's own keys, while it has the focus: arrows, Page Up/Down, Home and End move the lead row
// and select it (Shift: the range from the anchor; Ctrl: the lead alone moves, Ctrl+Space toggles
// it), Enter opens its details, the context-menu key (or Shift+F10) its row menu. Space, Delete and
// Ctrl+A work on the selection from anywhere (use-shortcuts.ts).
import type { StoreApi } from 'zustand/vanilla';
import type { FerryState } from '../state/store.ts';

interface GridKeys {
  ids: readonly string[];
  lead: string | null;
  store: StoreApi<FerryState>;
  pageSize: number;
  onDetails: (id: string) => void;
  setLead: (id: string) => void;
  scrollTo: (index: number) => void;
  /** The context-menu key or Shift+F10: the row menu for this row. */
  onMenu: (id: string) => void;
}

export function useGridKeys({ ids, lead, store, pageSize, onDetails, setLead, scrollTo, onMenu }: GridKeys) {
  return (event: React.KeyboardEvent<HTMLElement>) => {
    // Keys on the header's buttons are theirs.
    if (event.target !== event.currentTarget || event.altKey || ids.length === 0) return;
    const s = store.getState();
    const mod = event.ctrlKey || event.metaKey;
    let at = lead === null ? -1 : ids.indexOf(lead);
    if (at < 0) at = s.selected.length ? Math.max(0, ids.indexOf(s.selected[0]!)) : -1;
    const targets: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      PageDown: at + pageSize,
      PageUp: at - pageSize,
      Home: 0,
      End: ids.length - 1,
    };
    if (event.key in targets) {
      event.preventDefault();
      // From nowhere (-1), Down lands on the first row.
      const to = Math.max(0, Math.min(ids.length - 1, targets[event.key]!));
      const id = ids[to]!;
      setLead(id);
      scrollTo(to);
      if (event.shiftKey) {
        // A range needs its start: the row the keyboard was on.
        if (!s.anchor && at >= 0) s.select(ids[at]!, 'only');
        store.getState().select(id, 'range');
      } else if (!mod) s.select(id, 'only');
      return;
    }
    if (event.key === ' ' && mod && at >= 0) {
      event.preventDefault();
      s.select(ids[at]!, 'toggle');
    } else if (event.key === 'Enter' && at >= 0) {
      event.preventDefault();
      onDetails(ids[at]!);
    } else if ((event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) && at >= 0) {
      event.preventDefault();
      onMenu(ids[at]!);
    }
  };
}
