// Whether the details pane is open and which transfer it shows: the row it was opened on, then
// the selected row while one row is selected (it follows the keyboard through the list).
import { useCallback, useState } from 'react';
import { useFerry, useFerryStore } from '../../state/context.tsx';

export function useDetailsPane() {
  const store = useFerryStore();
  const [openedOn, setOpenedOn] = useState<string | null>(null);
  const shown = useFerry((s) => (openedOn === null ? null : s.selected.length === 1 && s.transfers.has(s.selected[0]!) ? s.selected[0]! : openedOn));
  const open = useCallback(
    (id: string) => {
      // The row becomes the selection (unless it is part of it), so the pane shows it and then follows the selection.
      if (!store.getState().selected.includes(id)) store.getState().select(id, 'only');
      setOpenedOn(id);
    },
    [store],
  );
  const close = useCallback(() => {
    // Closed from inside the pane, the keys go back to the list; from elsewhere the focus stays.
    const fromInside = document.activeElement?.closest('.details-pane, .splitter');
    setOpenedOn(null);
    if (fromInside) document.querySelector<HTMLElement>('[role="grid"]')?.focus({ preventScroll: true });
  }, []);
  return { shown, open, close };
}
