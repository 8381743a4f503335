// Weekly spans (the limit schedule's rules, the windows when transfers may run): which are in force
// at a moment, and the next moment that may change. Times are the machine's local time; every span
// is built with Date's local constructor, so a day with a daylight-saving jump has its spans where
// the clock on the wall says.
import type { WeeklySpan } from '../../../shared/model.ts';

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The span of `rule` that starts on the day `dayStart` (local midnight), if it runs that day. */
function spanOn(rule: WeeklySpan, dayStart: Date): { start: number; end: number } | null {
  if (!rule.days.includes(dayStart.getDay())) return null;
  const from = minutesOf(rule.from);
  const to = minutesOf(rule.to);
  const at = (minutes: number) => new Date(dayStart.getFullYear(), dayStart.getMonth(), dayStart.getDate(), 0, minutes).getTime();
  // A rule that ends before it starts runs past midnight into the next day; one that ends when it starts, 24 hours.
  return { start: at(from), end: at(to > from ? to : to + 24 * 60) };
}

/** Local midnight `offset` days from the day of `at`. */
function dayStart(at: number, offset: number): Date {
  const day = new Date(at);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + offset);
}

/** The rules in force at `at` (ms since the epoch): a span holds from its start up to, not at, its end. */
export function rulesInForce<R extends WeeklySpan>(schedule: readonly R[], at: number): R[] {
  return schedule.filter((rule) =>
    // A span in force began today or, past midnight, yesterday.
    [-1, 0].some((offset) => {
      const span = spanOn(rule, dayStart(at, offset));
      return span !== null && span.start <= at && at < span.end;
    }),
  );
}

/** The next moment after `at` where a rule starts or ends (what is in force may change), or null without rules. */
export function nextBoundary(schedule: readonly WeeklySpan[], at: number): number | null {
  let next: number | null = null;
  // Spans that began yesterday may end today; those of the next 7 days cover a whole week ahead.
  for (let offset = -1; offset <= 7; offset++) {
    const day = dayStart(at, offset);
    for (const rule of schedule) {
      const span = spanOn(rule, day);
      if (!span) continue;
      for (const moment of [span.start, span.end]) if (moment > at && (next === null || moment < next)) next = moment;
    }
  }
  return next;
}
