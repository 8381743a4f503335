// The list's keyboard shortcuts (listed in ShortcutsDialog): none while a dialog is open or while
// typing in a field, so they never take a key meant for text.
import { useEffect, type RefObject } from 'react';
import { useFerryStore } from '../state/context.tsx';
import { visibleIds } from '../state/view.ts';

export interface ShortcutActions {
  /** False while a dialog is open. */
  enabled: boolean;
  openAdd(): void;
  openUpload(): void;
  openHelp(): void;
  /** Escape closes the details pane while it is open (else it clears the selection). */
  closeDetails: (() => void) | null;
  searchRef: RefObject<HTMLInputElement | null>;
}

function typing(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}

export function useShortcuts(actions: ShortcutActions): void {
  const store = useFerryStore();
  useEffect(() => {
    if (!actions.enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || typing(event.target)) return;
      // Space presses a focused button or tab (the details pane's), not the selection's Pause.
      if (event.key === ' ' && (event.target as HTMLElement | null)?.closest?.('button, [role="tab"], summary')) return;
      const s = store.getState();
      const mod = event.ctrlKey || event.metaKey;
      let handled = true;
      if (mod && event.key.toLowerCase() === 'a') s.selectAll(visibleIds(s.transfers, s.filter, s.query, s.sort, s.kind));
      else if (mod && event.key.toLowerCase() === 'z' && s.undo) s.undoRemoval();
      else if (mod) handled = false;
      else if (event.key === '/') actions.searchRef.current?.focus();
      else if (event.key === '?') actions.openHelp();
      else if (event.key.toLowerCase() === 'n') actions.openAdd();
      else if (event.key.toLowerCase() === 'u') actions.openUpload();
      else if (event.key === 'Escape' && actions.closeDetails) actions.closeDetails();
      else if (event.key === 'Escape' && s.selected.length > 0) s.selectAll(null);
      else if ((event.key === 'Delete' || event.key === 'Backspace') && s.selected.length > 0) void s.actOnMany(s.selected, 'remove');
      else if (event.key === ' ' && s.selected.length > 0) {
        const allPaused = s.selected.every((id) => s.transfers.get(id)?.state === 'paused');
        void s.actOnMany(s.selected, allPaused ? 'resume' : 'pause');
      } else handled = false;
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, store]);
}
