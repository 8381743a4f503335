// How the table's columns share the row's width. Name is the column people read: the others are
// as wide as what they show (no blank room while a name is cut), give way first when the window
// narrows (down to a sensible minimum each, then the less needed ones are hidden), and Name keeps
// at least 40% of the row or 220 px, whichever is less. A width the user gave a column by
// resizing it last is honoured while Name keeps its share. Pure: the content's widths are measured
// by the caller (use-column-needs.ts).
import type { Column } from './columns.ts';

export interface FitInput {
  /** The columns chosen, in order (Name is one). */
  columns: readonly Column[];
  /** The widths the user left (or the defaults): the most a column takes without being resized. */
  widths: Record<Column, number>;
  /** The row's width for the columns, the buttons not counted. */
  room: number;
  /** The buttons' column, counted in the row Name keeps its share of. */
  actions: number;
  /** What each column's content needs to show whole (padding included); unknown: its width. */
  needs: Partial<Record<Column, number>>;
  /** The column the user resized last: its width stays while it fits. */
  kept: Column | null;
  /** Below a sensible minimum, what a column must still show (Status: the widest state's word, "Downloading"). */
  minimums?: Partial<Record<Column, number>>;
}

export interface Fit {
  /** The columns drawn: the chosen ones but those hidden for room. */
  shown: Column[];
  widths: Record<Column, number>;
}

export const NAME_SHARE = 0.4;
export const NAME_FLOOR = 220;

/** Below what it needs, a column still says something: a bar with its percentage, "Downloading", part of an address. */
const SENSIBLE_MINIMUM: Partial<Record<Column, number>> = { address: 120, folder: 100, status: 92, progress: 92 };
/** Who gives way to a cut name first, down to its sensible minimum. */
const GIVE_ORDER: readonly Column[] = ['address', 'folder', 'status', 'progress'];
/** Hidden, in this order, while Name would get less than its share: the optional ones first; Progress and Status stay. */
const HIDE_ORDER: readonly Column[] = ['priority', 'connections', 'finished', 'folder', 'address', 'added', 'eta', 'size', 'speed'];

export function fitColumns(input: FitInput): Fit {
  const { columns, kept } = input;
  // The column the user resized is hidden last of all.
  const hideable = [...HIDE_ORDER.filter((c) => c !== kept && columns.includes(c)), ...(kept !== null && HIDE_ORDER.includes(kept) && columns.includes(kept) ? [kept] : [])];
  let fit = fitShown(input, [...columns]);
  for (let hidden = 1; !fit.nameHasShare && hidden <= hideable.length; hidden++) {
    fit = fitShown(input, columns.filter((c) => !hideable.slice(0, hidden).includes(c)));
  }
  return { shown: fit.shown, widths: fit.widths };
}

/** The widths of these columns in the room, and whether Name keeps its share there. */
function fitShown({ widths, room, actions, needs, kept, minimums = {} }: FitInput, shown: Column[]): Fit & { nameHasShare: boolean } {
  const fitted = { ...widths };
  const others: Column[] = shown.filter((c) => c !== 'name');
  // A column is as wide as its content, no wider than the user's (or the default) width; the one
  // resized last keeps what the user gave it.
  for (const c of others) fitted[c] = c === kept ? widths[c] : Math.min(widths[c], needs[c] ?? widths[c]);
  const free = () => room - others.reduce((sum, c) => sum + fitted[c], 0);
  const share = Math.min(NAME_SHARE * (room + actions), NAME_FLOOR);
  // What the names need, not Name's default width: short names leave the room to a cut Status.
  const nameNeed = kept === 'name' ? widths.name : (needs.name ?? widths.name);
  const nameMin = kept === 'name' ? Math.min(widths.name, share) : Math.min(nameNeed, share);

  // While the name is cut, the others give way down to a sensible minimum (their text then ends in an ellipsis).
  for (const c of GIVE_ORDER) {
    const short = nameNeed - free();
    if (short <= 0) break;
    if (!others.includes(c) || c === kept) continue;
    const minimum = Math.max(SENSIBLE_MINIMUM[c] ?? fitted[c], minimums[c] ?? 0);
    fitted[c] -= Math.min(short, Math.max(0, fitted[c] - Math.min(fitted[c], minimum)));
  }
  // The user's width gives way only where Name would go under its share.
  if (kept !== null && kept !== 'name' && others.includes(kept) && free() < nameMin) {
    const floor = Math.min(widths[kept], needs[kept] ?? widths[kept], SENSIBLE_MINIMUM[kept] ?? Infinity);
    fitted[kept] -= Math.min(nameMin - free(), fitted[kept] - Math.min(fitted[kept], floor));
  }
  // Name takes what is left, up to what it needs (beyond that the window's room is shared with
  // Status); in a window too narrow even then, its share, and the rest scrolls sideways.
  fitted.name = Math.max(nameMin, Math.min(free(), nameNeed));
  return { shown, widths: fitted, nameHasShare: free() >= nameMin };
}

/** Whether two fits draw the same: the same columns at the same widths. */
export function sameFit(a: Fit, b: Fit): boolean {
  return a.shown.length === b.shown.length && a.shown.every((c, i) => c === b.shown[i] && a.widths[c] === b.widths[c]);
}
