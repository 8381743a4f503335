// Drag to reorder the queue: a queued row (or the selection's queued rows, when it is one of
// them) dropped on the upper or lower half of another queued row goes right before or after it,
// through the engine's moveInQueue, as the row menu's Move up/down does (the keyboard's way).
import { useState, type DragEvent } from 'react';
import { useFerry, useFerryStore } from '../state/context.tsx';
import { queuePlaces } from '../state/queue-places.ts';
import { visibleIds } from '../state/view.ts';
import type { FerryState } from '../state/store.ts';

/** The type a row drag carries, so the page's own drop zone (links, files) leaves it alone. */
export const ROW_DRAG_TYPE = 'application/x-ferry-rows';

/** What is being dragged: the page's own drag only (a link or a file dragged in is not a row). */
let dragged: string[] | null = null;

export type DropSide = 'before' | 'after';

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
  const accepts = () => can && dragged !== null && !dragged.includes(id);

  return {
    side,
    props: can
      ? {
          draggable: true,
          onDragStart: (event: DragEvent<HTMLElement>) => {
            const { selected, transfers } = store.getState();
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
            const place = queueSide(store.getState(), sideOf(event)) === 'before' ? { before: id } : { after: id };
            dragged = null;
            void change((bridge) => bridge.moveInQueue(ids, place)).then((o) => !o.ok && store.setState({ notice: o.error }));
          },
        }
      : {},
  };
}

/**
 * Above or below a row on screen, as a place in the queue: the same when the list shows the
 * queued rows first-to-start at the top (sorted by Status), the other way round when it shows them
 * the last first (the newest added at the top, as by default). Sorted by anything else, the list's
 * first and last queued rows tell which way it runs.
 */
function queueSide(state: Pick<FerryState, 'transfers' | 'filter' | 'query' | 'sort' | 'kind'>, onScreen: DropSide): DropSide {
  const places = queuePlaces(state.transfers);
  const shown = visibleIds(state.transfers, state.filter, state.query, state.sort, state.kind).filter((v) => places.has(v) && !dragged?.includes(v));
  const downwards = shown.length < 2 || places.get(shown[0]!)! < places.get(shown.at(-1)!)!;
  return downwards ? onScreen : onScreen === 'before' ? 'after' : 'before';
}
