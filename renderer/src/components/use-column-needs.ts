// What each column's content needs to show whole (px, the cell's padding included), for the
// fitting of the columns (state/fit-columns.ts), and how wide the buttons' column must be. Worked
// out from the rows in view, not from the rows drawn, so the widths stay put while the list
// scrolls; measured in the table's font with a canvas, each text once. The names, sizes and dates
// are measured again when the list changes (a row added, another filter or order); the speed, the
// time left, the states' words and the buttons with every batch of progress, by kind of value (the largest of each
// unit), so they do not follow every digit.
import { useMemo } from 'react';
import { useFerry, useFerryStore } from '../state/context.tsx';
import type { Column } from '../state/columns.ts';
import type { TransferIndex } from '../state/transfer-index.ts';
import { awaitingAnswer, displayName, formatEta, formatSpeed, statusWords } from '../format.ts';
import { t } from '../i18n/catalog.ts';
import { bytes, shortDateAndTime } from '../i18n/format.ts';
import { actionsFor, actionsWidth } from './RowActions.tsx';

/** A cell's padding (table.css: 0 8px). */
const PADDING = 16;
/** The file-type icon before a name, and the gap after it. */
const NAME_ICON = 16 + 6;
/** A sorted header's arrow and its gap. */
const SORT_ARROW = 13 + 4;
// Connections shows a number or two: its header's word is the widest.
const MEASURED: readonly Column[] = ['name', 'size', 'speed', 'eta', 'added', 'finished', 'connections', 'priority'];

let context: CanvasRenderingContext2D | null | undefined;
const measured = new Map<string, number>();
function textWidth(text: string, font: string): number {
  const key = `${font}\u0000${text}`;
  let width = measured.get(key);
  if (width === undefined) {
    if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    if (!context) return 0;
    context.font = font;
    width = Math.ceil(context.measureText(text).width);
    // Each text once, but not every ETA ever shown.
    if (measured.size > 50_000) measured.clear();
    measured.set(key, width);
  }
  return width;
}

let family: string | null = null;
function fonts(): { cell: string; head: string } {
  family ??= typeof document === 'undefined' ? 'sans-serif' : getComputedStyle(document.body).fontFamily;
  return { cell: `13px ${family}`, head: `600 12px ${family}` };
}

const widest = (texts: Iterable<string>, font: string) => {
  let most = 0;
  for (const text of texts) most = Math.max(most, textWidth(text, font));
  return most;
};
/** Each decimal unit's largest value (kB, MB ...): the widest text of each unit is its largest number's. */
const largestPerUnit = (per: number[], value: number) => {
  const unit = value < 1000 ? 0 : Math.floor(Math.log10(value) / 3);
  per[unit] = Math.max(per[unit] ?? 0, value);
};

export function useColumnNeeds(ids: readonly string[]): { needs: Partial<Record<Column, number>>; minimums: Partial<Record<Column, number>>; actions: number } {
  const store = useFerryStore();
  const transfers = useFerry((s) => s.transfers);
  const lostAt = useFerry((s) => s.linkLostAt);
  const canOpenFiles = useFerry((s) => s.host?.canOpenFiles ?? false);
  // Names, sizes and dates: again when the list changes, not with each batch of progress.
  const settled = useMemo(() => settledNeeds(ids, store.getState().transfers), [ids, store]);
  const live = useMemo(() => liveNeeds(ids, transfers, lostAt !== null, canOpenFiles), [ids, transfers, lostAt, canOpenFiles]);
  return useMemo(() => {
    const { head } = fonts();
    const needs: Partial<Record<Column, number>> = { ...settled, ...live.needs };
    // A header's word (and its sort arrow) shows whole too.
    for (const c of MEASURED) needs[c] = Math.max(needs[c] ?? 0, textWidth(t.columns[c], head) + SORT_ARROW + PADDING);
    return { needs, minimums: live.minimums, actions: live.actions };
  }, [settled, live]);
}

function settledNeeds(ids: readonly string[], transfers: TransferIndex): Partial<Record<Column, number>> {
  const { cell } = fonts();
  let name = 0;
  let added = 0;
  let finished = 0;
  const sizes: number[] = [];
  for (const id of ids) {
    const tr = transfers.get(id);
    if (!tr) continue;
    name = Math.max(name, textWidth(displayName(tr), cell));
    added = Math.max(added, textWidth(shortDateAndTime(tr.createdAt), cell));
    if (tr.completedAt) finished = Math.max(finished, textWidth(shortDateAndTime(tr.completedAt), cell));
    const size = tr.totalBytes ?? (tr.bytesTransferred > 0 ? tr.bytesTransferred : null);
    if (size !== null) largestPerUnit(sizes, size);
  }
  const size = Math.max(textWidth(bytes(null), cell), widest(sizes.filter((v) => v !== undefined).map((v) => bytes(v)), cell));
  const priority = widest([t.columns.priorityHigh, t.columns.priorityNormal], cell);
  return { name: name + NAME_ICON + PADDING, size: size + PADDING, added: added + PADDING, finished: finished + PADDING, priority: priority + PADDING };
}

function liveNeeds(ids: readonly string[], transfers: TransferIndex, offline: boolean, canOpenFiles: boolean): { needs: Partial<Record<Column, number>>; minimums: Partial<Record<Column, number>>; actions: number } {
  const { cell } = fonts();
  const speeds: number[] = [];
  // The longest time left of each form: seconds, minutes, hours.
  const etas: number[] = [];
  // Per kind and state: a row's buttons depend on nothing else.
  const buttons = { download: new Map<string, number>(), upload: new Map<string, number>() };
  const words = new Set<string>();
  let mostButtons = 0;
  for (const id of ids) {
    const tr = transfers.get(id);
    if (!tr) continue;
    const known = buttons[tr.kind];
    let count = known.get(tr.state);
    if (count === undefined) known.set(tr.state, (count = actionsFor(tr, canOpenFiles).length));
    mostButtons = Math.max(mostButtons, count);
    words.add(statusWords(tr));
    // As the cells say: only what moves has a speed and a time left (TransferCells.tsx).
    if (offline || tr.state !== 'running' || awaitingAnswer(tr)) continue;
    if (tr.speed > 0) largestPerUnit(speeds, tr.speed);
    if (tr.eta !== null && Number.isFinite(tr.eta)) {
      const form = tr.eta < 60 ? 0 : tr.eta < 3600 ? 1 : 2;
      etas[form] = Math.max(etas[form] ?? 0, tr.eta);
    }
  }
  const speed = widest(speeds.filter((v) => v !== undefined).map(formatSpeed), cell);
  // An hour's minutes may have two digits whatever the largest says.
  const eta = widest(etas.filter((v) => v !== undefined).map((v) => formatEta(v >= 3600 ? Math.floor(v / 3600) * 3600 + 59 * 60 : v, t.duration)), cell);
  return { needs: { speed: speed + PADDING, eta: eta + PADDING }, minimums: { status: widest(words, cell) + PADDING }, actions: actionsWidth(mostButtons) };
}
