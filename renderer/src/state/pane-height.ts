// The details pane's height as the user left it, remembered in localStorage; pure apart from the
// storage passed in. The list keeps room for a few rows whatever the pane is dragged to.
export const DEFAULT_PANE_HEIGHT = 240;
export const MIN_PANE_HEIGHT = 120;
/** What the list keeps above the pane: the toolbar, its header and a few rows. */
export const LIST_KEEPS = 180;
/** One press of an arrow key on the splitter. */
export const PANE_STEP = 20;
const KEY = 'ferry.detailsHeight';

/** A height the room allows: at least MIN_PANE_HEIGHT, and the list keeps LIST_KEEPS of `room`. */
export function clampPaneHeight(height: number, room: number): number {
  const most = Math.max(MIN_PANE_HEIGHT, room - LIST_KEEPS);
  return Math.round(Math.min(most, Math.max(MIN_PANE_HEIGHT, height)));
}

export function loadPaneHeight(storage: Pick<Storage, 'getItem'> | null): number {
  const stored = Number(storage?.getItem(KEY));
  return Number.isFinite(stored) && stored >= MIN_PANE_HEIGHT ? Math.round(stored) : DEFAULT_PANE_HEIGHT;
}

export function savePaneHeight(storage: Pick<Storage, 'setItem'> | null, height: number): void {
  storage?.setItem(KEY, String(Math.round(height)));
}
