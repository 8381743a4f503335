// Numbers, sizes and times in the user's locale (the browser's or the desktop's language): digits,
// separators and date order are theirs; the units stay SI (shared/format-bytes.ts).
import { scaleBytes } from '../../../shared/format-bytes.ts';

export const LOCALE: string = (typeof navigator !== 'undefined' && navigator.language) || 'en';

const whole = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const byDigits = [0, 1].map((digits) => new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const dateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });
const shortDateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'short', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(LOCALE, { timeStyle: 'medium' });

/** A whole number: "1,234" (en), "1.234" (de). */
export function count(n: number): string {
  return whole.format(n);
}

/** "1.5 MB" (en), "1,5 MB" (de); `unknown` when there is no size. */
export function bytes(n: number | null | undefined, unknown = '—'): string {
  if (n === null || n === undefined) return unknown;
  const { value, unit, fractionDigits } = scaleBytes(n);
  return `${byDigits[fractionDigits]!.format(value)} ${unit}`;
}

/** A date and time: "Dec 1, 2026, 3:04 PM" (en-US). */
export function dateAndTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** A date and time in a table's column: "12/1/26, 3:04 PM" (en-US). */
export function shortDateAndTime(iso: string): string {
  return shortDateTime.format(new Date(iso));
}

/** A time of day: "3:04:05 PM" (en-US). */
export function timeOfDay(iso: string): string {
  return timeOnly.format(new Date(iso));
}
