// The scheduler's rule: a transfer waits (`scheduled`) before its own start time and, unless told
// to run at any time, outside the time windows of the settings and those of its group. Pure, on a given moment, so every
// case is unit-tested with a fixed clock.
import type { WeeklySpan } from '../../../shared/model.ts';
import type { Hold } from './conditions-policy.ts';
import { nextBoundary, rulesInForce } from './weekly-spans.ts';

/** What of a transfer the schedule looks at. */
export interface ScheduleFacts {
  /** Not before this moment (ms since the epoch); null: as soon as it may. */
  startAt: number | null;
  /** "Start now" was asked: the time windows do not hold it. */
  runAnytime: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A moment in words for a history line: "01:00" today, "Tue 01:00" this week, else the date. */
export function momentWords(at: number, now: number): string {
  const when = new Date(at);
  const today = new Date(now);
  const time = `${pad(when.getHours())}:${pad(when.getMinutes())}`;
  const midnight = new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime();
  const days = Math.floor((at - midnight) / 86_400_000);
  if (days === 0) return time;
  if (days > 0 && days < 7) return `${DAYS[when.getDay()]} ${time}`;
  return `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())} ${time}`;
}

/** A group's own time windows (a transfer in it runs only when both the settings' and these allow). */
export interface GroupWindows {
  name: string;
  windows: readonly WeeklySpan[];
}

/** Why the schedule holds a transfer now, or null when it may run. */
export function scheduleHold(facts: ScheduleFacts, windows: readonly WeeklySpan[], now: number, group: GroupWindows | null = null): Hold {
  if (facts.startAt !== null && now < facts.startAt) {
    return { state: 'scheduled', reason: `scheduled for ${momentWords(facts.startAt, now)}` };
  }
  if (facts.runAnytime) return null;
  return outside(windows, now, 'the time windows', 'a time window') ?? (group ? outside(group.windows, now, `group ${group.name}'s time windows`, `group ${group.name}'s time window`) : null);
}

/** The hold while `now` is outside every one of `windows` (none: never held). */
function outside(windows: readonly WeeklySpan[], now: number, them: string, one: string): Hold {
  if (windows.length === 0 || rulesInForce(windows, now).length > 0) return null;
  // Outside every window, the next boundary is a window's start.
  const opens = nextBoundary(windows, now);
  return { state: 'scheduled', reason: opens === null ? `outside ${them}` : `scheduled for ${momentWords(opens, now)}, when ${one} opens` };
}

/** The next moment after `now` when the schedule may hold or release something (the settings' or a group's windows), or null. */
export function nextScheduleChange(transfers: readonly ScheduleFacts[], windows: readonly WeeklySpan[], now: number, groupWindows: ReadonlyArray<readonly WeeklySpan[]> = []): number | null {
  const moments = transfers.map((facts) => facts.startAt).filter((at): at is number => at !== null && at > now);
  for (const spans of [windows, ...groupWindows]) {
    const boundary = spans.length ? nextBoundary(spans, now) : null;
    if (boundary !== null) moments.push(boundary);
  }
  return moments.length ? Math.min(...moments) : null;
}
