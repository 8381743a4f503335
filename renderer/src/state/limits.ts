// The speed limits as the UI shows and takes them: a speed typed in a field, the header's line
// while a global limit holds transfers back, a schedule rule in words.
import type { LimitStatus, WeeklySpan } from '../../../shared/model.ts';
import { parseRate } from '../../../shared/rate.ts';
import { formatBytes } from '../format.ts';
import { t } from '../i18n/catalog.ts';

/** A typed speed in bytes per second (empty or "none": 0, no limit), or what is wrong with it. */
export function rateFromText(text: string | undefined): number | string {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return 0;
  return parseRate(trimmed) ?? t.limits.badRate(trimmed);
}

/** How a limit reads back in a field: "2M" for 2,000,000, "" for none. */
export function rateText(bytesPerSec: number | null): string {
  if (!bytesPerSec) return '';
  if (bytesPerSec % 1_000_000 === 0) return `${bytesPerSec / 1_000_000}M`;
  if (bytesPerSec % 1000 === 0) return `${bytesPerSec / 1000}k`;
  return String(bytesPerSec);
}

export const speedOrNone = (bytesPerSec: number): string => (bytesPerSec > 0 ? t.sizes.perSecond(formatBytes(bytesPerSec)) : t.limits.none);

/** The days of a rule in words: "weekdays", "weekends", "every day" or "Mon, Wed". */
function daysText(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => a - b).join(',');
  if (sorted === '0,1,2,3,4,5,6') return t.limits.everyDay;
  if (sorted === '1,2,3,4,5') return t.limits.weekdays;
  if (sorted === '0,6') return t.limits.weekends;
  // Monday first, as most calendars show the week.
  return [1, 2, 3, 4, 5, 6, 0].filter((day) => days.includes(day)).map((day) => t.limits.dayNames[day]).join(t.limits.and);
}

/** A rule's or a time window's days and hours in words. */
export function ruleText(rule: WeeklySpan): string {
  // A span of 24 hours from midnight (00:00-00:00 or 00:00-24:00) is the whole day.
  if (rule.from === '00:00' && (rule.to === '00:00' || rule.to === '24:00')) return t.limits.allDay(daysText(rule.days));
  return t.limits.rule(daysText(rule.days), rule.from, rule.to);
}

/** The header's line while a global limit holds transfers back ("Limited to 1.0 MB/s down (alternative limit)"), else null. */
export function limitLine(status: LimitStatus | null): string | null {
  if (!status || status.binding.length === 0) return null;
  const speeds = [
    status.binding.includes('download') ? t.limits.down(speedOrNone(status.downloadBytesPerSec)) : null,
    status.binding.includes('upload') ? t.limits.up(speedOrNone(status.uploadBytesPerSec)) : null,
  ].filter((part) => part !== null);
  const why =
    status.source === 'alternative' ? t.limits.whyAlternative : status.source === 'schedule' ? t.limits.whySchedule(status.rules.map(ruleText).join(t.limits.and)) : t.limits.whyNormal;
  return t.limits.limitedTo(speeds.join(t.limits.and), why);
}

/** What is wrong with a schedule or the time windows as edited (a rule without a day or a time), or null; the engine checks the rest. */
export function scheduleProblem(rules: readonly WeeklySpan[], words: { noDay: (n: number) => string; noTime: (n: number) => string } = t.limits): string | null {
  const index = rules.findIndex((rule) => rule.days.length === 0 || !rule.from || !rule.to);
  if (index < 0) return null;
  return rules[index]!.days.length === 0 ? words.noDay(index + 1) : words.noTime(index + 1);
}
