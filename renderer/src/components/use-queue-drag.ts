// Drag to reorder the queue: a queued row (or the selection's queued rows, when it is one of
// them) dropped on the upper or lower half of another queued row goes right before or after it,
// through the engine's moveInQueue, as the row menu's Move up/down does (the keyboard's way).
// Only where the list shows the queue's order (sorted by Status, either way round), so the line
// drawn is where the rows land; in any other order a drag is refused with the reason.
import { useState, type DragEvent } from 'react';
import { useFerry, useFerryStore } from '../state/context.tsx';
import { t } from '../i18n/catalog.ts';
import type { Sort } from '../state/view.ts';

/** The type a row drag carries, so the page's own drop zone (links, files) leaves it alone. */
export const ROW_DRAG_TYPE = 'application/x-ferry-rows';

/** What is being dragged: the page's own drag only (a link or a file dragged in is not a row). */
let dragged: string[] | null = null;

export type DropSide = 'before' | 'after';

/**
 * Above or below a row on screen, as a place in the queue, or null where the list's order is not
 * the queue's: sorted by Status the queued rows show first-to-start at the top (descending, the
 * other way round); any other order (the date added, the name) says nothing of where a row would
 * land, as a later move, a priority or a retry can put a row anywhere in the queue.
 */
export function queueSide(sort: Sort, onScreen: DropSide): DropSide | null {
  if (sort.column !== 'status') return null;
  if (!sort.descending) return onScreen;
  return onScreen === 'before' ? 'after' : 'before';
}

export function useQueueDrag(id: string, queued: boolean) {
  const store = useFerryStore();
  const change = useFerry((s) => s.change);
  const offline = useFerry((s) => s.linkLostAt !== null);
  const [side, setSide] = useState<DropSide | null>(null);
  const can = queued && !offline;
  const sideOf = (event: DragEvent<HTMLElement>): DropSide => {
    const box = event.currentTarget.getBoundingClientRect();
    return event.clientY < box.top + box.height / 2 ? 'before' : 'after';
  };
  const accepts = () => can && dragged !== null && !dragged.includes(id) && queueSide(store.getState().sort, 'before') !== null;

  return {
    side,
    props: can
      ? {
          draggable: true,
          onDragStart: (event: DragEvent<HTMLElement>) => {
            const { selected, transfers, sort } = store.getState();
            if (queueSide(sort, 'before') === null) {
              // Refused with the reason, rather than a drop that lands somewhere else than the line said.
              event.preventDefault();
              store.setState({ notice: t.rowMenu.dragNeedsStatusSort });
              return;
            }
            dragged = selected.includes(id) ? selected.filter((s) => transfers.get(s)?.state === 'queued') : [id];
            event.dataTransfer.effectAllowed = 'move';
            event.dataTransfer.setData(ROW_DRAG_TYPE, dragged.join('\n'));
          },
          onDragEnd: () => {
            dragged = null;
          },
          onDragOver: (event: DragEvent<HTMLElement>) => {
            if (!accepts()) return;
            event.preventDefault();
            event.dataTransfer.dropEffect = 'move';
            setSide(sideOf(event));
          },
          onDragLeave: () => setSide(null),
          onDrop: (event: DragEvent<HTMLElement>) => {
            setSide(null);
            if (!accepts()) return;
            event.preventDefault();
            const ids = dragged!;
            const place = queueSide(store.getState().sort, sideOf(event)) === 'before' ? { before: id } : { after: id };
            dragged = null;
            void change((bridge) => bridge.moveInQueue(ids, place)).then((o) => !o.ok && store.setState({ notice: o.error }));
          },
        }
      : {},
  };
}
