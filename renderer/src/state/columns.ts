// The table's columns: which exist, which show by default, their widths, and the layout the user
// chose (shown columns, widths, sort) as remembered in localStorage. Pure apart from the storage
// passed in, so tests can give their own.
import { DEFAULT_SORT, SORT_COLUMNS, type Sort, type SortColumn } from './view.ts';

export const COLUMNS = ['name', 'size', 'progress', 'speed', 'eta', 'status', 'added', 'finished', 'address', 'folder', 'connections', 'priority'] as const satisfies readonly SortColumn[];
export type Column = (typeof COLUMNS)[number];

/** Shown until the user chooses otherwise; the rest are offered in the header menu. */
export const DEFAULT_COLUMNS: readonly Column[] = ['name', 'size', 'progress', 'speed', 'eta', 'status', 'added'];
export const DEFAULT_WIDTHS: Record<Column, number> = {
  name: 180, size: 80, progress: 120, speed: 85, eta: 80, status: 190, added: 150, finished: 150, address: 260, folder: 200, connections: 112, priority: 80,
};
export const MIN_WIDTH = 48;
export const MAX_WIDTH = 1200;

export interface Layout {
  /** Shown columns, in order; Name is always one. */
  columns: Column[];
  widths: Record<Column, number>;
  sort: Sort;
  /** The column the user resized last: its width stays while it fits (fit-columns.ts), after a reload too. */
  kept: Column | null;
}

export const DEFAULT_LAYOUT: Layout = { columns: [...DEFAULT_COLUMNS], widths: { ...DEFAULT_WIDTHS }, sort: DEFAULT_SORT, kept: null };
const KEY = 'ferry.table';

const isColumn = (value: unknown): value is Column => (COLUMNS as readonly unknown[]).includes(value);
const clampWidth = (width: number): number => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(width)));

/** A stored layout, checked piece by piece: anything unknown or broken falls back to the default. */
export function parseLayout(text: string | null): Layout {
  let raw: { columns?: unknown; widths?: unknown; sort?: { column?: unknown; descending?: unknown }; kept?: unknown };
  try {
    raw = text ? (JSON.parse(text) as typeof raw) : {};
  } catch {
    raw = {};
  }
  if (typeof raw !== 'object' || raw === null) raw = {};
  const listed = Array.isArray(raw.columns) ? [...new Set(raw.columns.filter(isColumn))] : [];
  const columns = listed.length ? (listed.includes('name') ? listed : ['name' as const, ...listed]) : [...DEFAULT_COLUMNS];
  const widths = { ...DEFAULT_WIDTHS };
  if (typeof raw.widths === 'object' && raw.widths !== null) {
    for (const [column, width] of Object.entries(raw.widths)) if (isColumn(column) && typeof width === 'number' && Number.isFinite(width)) widths[column] = clampWidth(width);
  }
  const sortColumn = raw.sort?.column;
  const sort = (SORT_COLUMNS as readonly unknown[]).includes(sortColumn) ? { column: sortColumn as SortColumn, descending: raw.sort?.descending === true } : DEFAULT_SORT;
  const kept = isColumn(raw.kept) && columns.includes(raw.kept) ? raw.kept : null;
  return { columns, widths, sort, kept };
}

export function loadLayout(storage: Pick<Storage, 'getItem'> | null): Layout {
  try {
    return parseLayout(storage?.getItem(KEY) ?? null);
  } catch {
    // Storage can be refused (privacy settings): the default then.
    return DEFAULT_LAYOUT;
  }
}

export function saveLayout(storage: Pick<Storage, 'setItem'> | null, layout: Layout): void {
  try {
    storage?.setItem(KEY, JSON.stringify(layout));
  } catch {
    // Not remembered, but the table still works.
  }
}

/** Shows or hides a column (never Name), keeping the order the columns are defined in. */
export function toggleColumn(columns: readonly Column[], column: Column): Column[] {
  if (column === 'name') return [...columns];
  if (columns.includes(column)) return columns.filter((c) => c !== column);
  return COLUMNS.filter((c) => c === column || columns.includes(c));
}

export function resized(widths: Record<Column, number>, column: Column, width: number): Record<Column, number> {
  return { ...widths, [column]: clampWidth(width) };
}

/** Columns that share what is left of a wide window: the name, and the status with its error sentence. */
const GROWING: ReadonlySet<Column> = new Set(['name', 'status']);

/** The CSS grid columns; the row actions go last. */
export function gridTemplate(columns: readonly Column[], widths: Record<Column, number>, actionsWidth: number): string {
  return [...columns.map((c) => (GROWING.has(c) ? `minmax(${widths[c]}px, 1fr)` : `${widths[c]}px`)), `${actionsWidth}px`].join(' ');
}

export function totalWidth(columns: readonly Column[], widths: Record<Column, number>, actionsWidth: number): number {
  return columns.reduce((sum, c) => sum + widths[c], actionsWidth);
}
