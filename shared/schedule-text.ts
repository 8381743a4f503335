// The scheduler as people type it: a start time (`--at 02:00`, `--at "2026-12-24 18:30"`,
// `--at +90m`) and time windows (`ferry config set runWindows "mon-fri 01:00-07:00; sat,sun 00:00-24:00"`).
// Parsed here for the CLI and the UI alike; each refusal says what is taken.
import type { WeeklySpan } from './model.ts';

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const END_TIME = /^(([01]?\d|2[0-3]):([0-5]\d)|24:00)$/;
const pad = (n: number) => String(n).padStart(2, '0');
const twoDigits = (time: string) => time.padStart(5, '0');

/**
 * The moment a start time names (ms since the epoch), or the reason it names none. "HH:MM" is the
 * next such time (today, or tomorrow once it has passed); "YYYY-MM-DD HH:MM" is local time; "+N"
 * with m or h is from now.
 */
export function parseStartTime(text: string, now: number): number | { problem: string } {
  const value = text.trim();
  const relative = /^\+(\d{1,5})\s*(m|min|h)$/i.exec(value);
  if (relative) return now + Number(relative[1]) * (relative[2]!.toLowerCase() === 'h' ? 3_600_000 : 60_000);
  const clock = TIME.exec(value);
  if (clock) {
    const today = new Date(now);
    const at = new Date(today.getFullYear(), today.getMonth(), today.getDate(), Number(clock[1]), Number(clock[2])).getTime();
    return at > now ? at : new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1, Number(clock[1]), Number(clock[2])).getTime();
  }
  const dated = /^(\d{4})-(\d{2})-(\d{2})[T ]([01]?\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (dated) {
    const [year, month, day, hour, minute] = dated.slice(1).map(Number) as [number, number, number, number, number];
    const at = new Date(year, month - 1, day, hour, minute);
    if (at.getMonth() !== month - 1 || at.getDate() !== day) return { problem: `${value} is not a date` };
    return at.getTime();
  }
  return { problem: `a start time is HH:MM (the next one), "YYYY-MM-DD HH:MM" or +N m/h from now, not ${JSON.stringify(text)}` };
}

/** One day name, or a range of them ("mon-fri", "fri-mon" wraps), as Date.getDay() numbers. */
function parseDays(text: string): number[] | null {
  const days: number[] = [];
  for (const part of text.toLowerCase().split(',')) {
    const [first, last] = part.split('-').map((name) => DAY_NAMES.indexOf(name.trim().slice(0, 3)));
    if (first === undefined || first < 0 || (last !== undefined && last < 0) || part.split('-').length > 2) return null;
    for (let day = first; ; day = (day + 1) % 7) {
      if (!days.includes(day)) days.push(day);
      if (last === undefined || day === last) break;
    }
  }
  return days;
}

/** Time windows as written: "[DAYS] HH:MM-HH:MM" separated by ";" (no days: every day); "none" or "" for none. JSON is taken too. */
export function parseRunWindows(text: string): WeeklySpan[] | { problem: string } {
  const value = text.trim();
  if (value === '' || value.toLowerCase() === 'none') return [];
  if (value.startsWith('[')) {
    try {
      return JSON.parse(value) as WeeklySpan[];
    } catch {
      return { problem: 'time windows in JSON must be a list such as [{"days":[1,2,3,4,5],"from":"01:00","to":"07:00"}]' };
    }
  }
  const windows: WeeklySpan[] = [];
  for (const part of value.split(';').map((piece) => piece.trim()).filter(Boolean)) {
    const words = part.split(/\s+/);
    const span = words.pop()!;
    const days = words.length ? parseDays(words.join('')) : [0, 1, 2, 3, 4, 5, 6];
    const [from, to] = span.split('-');
    if (!days || from === undefined || to === undefined || !TIME.test(from) || !END_TIME.test(to)) {
      return { problem: `a time window is "[days] HH:MM-HH:MM" such as "mon-fri 01:00-07:00" (windows apart with ";"), not ${JSON.stringify(part)}` };
    }
    windows.push({ days: days.sort((a, b) => a - b), from: twoDigits(from), to: twoDigits(to) });
  }
  return windows;
}

/** Days as written: runs of three or more as a range ("mon-fri"), the others one by one. */
function daysText(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${DAY_NAMES[sorted[i]!]}-${DAY_NAMES[sorted[j]!]}`);
    else parts.push(...sorted.slice(i, j + 1).map((day) => DAY_NAMES[day]!));
    i = j + 1;
  }
  return parts.join(',');
}

/** Time windows as `parseRunWindows` reads them back ("none" for none). */
export function runWindowsText(windows: readonly WeeklySpan[]): string {
  if (windows.length === 0) return 'none';
  return windows
    .map((window) => {
      const every = window.days.length === 7;
      const days = every ? '' : `${daysText(window.days)} `;
      return `${days}${window.from}-${window.to}`;
    })
    .join('; ');
}

/** A moment as local "YYYY-MM-DD HH:MM", as `parseStartTime` reads it. */
export function startTimeText(at: number): string {
  const when = new Date(at);
  return `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())} ${pad(when.getHours())}:${pad(when.getMinutes())}`;
}
