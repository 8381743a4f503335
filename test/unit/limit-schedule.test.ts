// The weekly limit schedule on a clock the test turns: which rules are in force at their
// boundaries, overnight spans, the week's wrap, overlapping rules (the lowest limit wins), the next
// boundary, and the precedence alternative > schedule > normal with the timer that switches them.
import { describe, expect, it } from 'vitest';
import type { LimitRule, LimitStatus, Settings } from '../../shared/model.ts';
import { SettingsPatchSchema } from '../../shared/schemas.ts';
import { scheduledLimits } from '../../electron/engine/policy/limit-schedule.ts';
import { nextBoundary, rulesInForce } from '../../electron/engine/policy/weekly-spans.ts';
import { LimitsInForce } from '../../electron/engine/pipe/limits-in-force.ts';
import { defaultSettings } from '../../electron/engine/service/settings.ts';
import { HandClock } from '../helpers/hand-clock.ts';

const WEEKDAYS = [1, 2, 3, 4, 5];
const rule = (days: number[], from: string, to: string, down: number, up = 0): LimitRule => ({ days, from, to, downloadLimitBytesPerSec: down, uploadLimitBytesPerSec: up });
/** Local time in the week of Monday 5 January 2026 (4 January is a Sunday, 10 January a Saturday). */
const at = (day: number, hours: number, minutes = 0, seconds = 0) => new Date(2026, 0, day, hours, minutes, seconds).getTime();
const MON = 5;
const FRI = 9;
const SAT = 10;
const SUN = 11;

describe('the limit schedule', () => {
  const office = rule(WEEKDAYS, '09:00', '18:00', 1_000_000);

  it('holds a rule from its start up to, not at, its end, only on its days', () => {
    expect(rulesInForce([office], at(MON, 8, 59, 59))).toEqual([]);
    expect(rulesInForce([office], at(MON, 9))).toEqual([office]);
    expect(rulesInForce([office], at(MON, 17, 59, 59))).toEqual([office]);
    expect(rulesInForce([office], at(MON, 18))).toEqual([]);
    expect(rulesInForce([office], at(SAT, 12))).toEqual([]);
    expect(rulesInForce([office], at(SUN, 12))).toEqual([]);
  });

  it('runs an overnight span (22:00-06:00) past midnight into the next day, whatever that day is', () => {
    const night = rule([5], '22:00', '06:00', 0, 50_000); // Friday nights
    expect(rulesInForce([night], at(FRI, 21, 59))).toEqual([]);
    expect(rulesInForce([night], at(FRI, 22))).toEqual([night]);
    expect(rulesInForce([night], at(SAT, 0))).toEqual([night]);
    expect(rulesInForce([night], at(SAT, 5, 59, 59))).toEqual([night]);
    expect(rulesInForce([night], at(SAT, 6))).toEqual([]);
    // Only nights that start on its days: Thursday night is not one.
    expect(rulesInForce([night], at(FRI, 3))).toEqual([]);
  });

  it('makes a rule that ends when it starts a span of 24 hours (00:00-00:00 is the whole day)', () => {
    const monday = rule([1], '00:00', '00:00', 1);
    expect(rulesInForce([monday], at(MON, 0))).toEqual([monday]);
    expect(rulesInForce([monday], at(MON, 23, 59, 59))).toEqual([monday]);
    expect(rulesInForce([monday], at(MON + 1, 0))).toEqual([]);
    expect(nextBoundary([monday], at(MON, 0))).toBe(at(MON + 1, 0));
  });

  it('wraps the week: Saturday night runs into Sunday, Sunday night into Monday', () => {
    const weekendNights = rule([6, 0], '22:00', '06:00', 300_000);
    expect(rulesInForce([weekendNights], at(SUN, 2))).toEqual([weekendNights]);
    expect(rulesInForce([weekendNights], at(MON + 7, 5, 59))).toEqual([weekendNights]);
    expect(rulesInForce([weekendNights], at(MON + 7, 6))).toEqual([]);
    // From Sunday 4 January (before the test week) into Monday 5.
    expect(rulesInForce([weekendNights], at(MON, 1))).toEqual([weekendNights]);
    expect(nextBoundary([weekendNights], at(MON, 1))).toBe(at(MON, 6));
    expect(nextBoundary([weekendNights], at(MON, 6))).toBe(at(SAT, 22));
  });

  it('takes the lowest limit of each kind among overlapping rules; 0 (none) wins only alone', () => {
    const lunch = rule(WEEKDAYS, '12:00', '13:00', 200_000, 0);
    const uploads = rule([1], '00:00', '24:00', 0, 80_000);
    expect(scheduledLimits([office, lunch, uploads], at(MON, 12, 30))).toEqual({ rules: [office, lunch, uploads], download: 200_000, upload: 80_000 });
    expect(scheduledLimits([office, lunch, uploads], at(MON, 10))).toEqual({ rules: [office, uploads], download: 1_000_000, upload: 80_000 });
    expect(scheduledLimits([office, lunch], at(MON, 20))).toBeNull();
    const open = rule([1], '20:00', '22:00', 0);
    expect(scheduledLimits([open], at(MON, 21))).toEqual({ rules: [open], download: 0, upload: 0 });
  });

  it('names the next moment a rule starts or ends, and none without rules', () => {
    const lunch = rule(WEEKDAYS, '12:00', '13:00', 200_000);
    expect(nextBoundary([office, lunch], at(MON, 8))).toBe(at(MON, 9));
    expect(nextBoundary([office, lunch], at(MON, 9))).toBe(at(MON, 12));
    expect(nextBoundary([office, lunch], at(MON, 12, 30))).toBe(at(MON, 13));
    expect(nextBoundary([office, lunch], at(FRI, 18))).toBe(at(MON + 7, 9));
    expect(nextBoundary([office], at(SAT, 0))).toBe(at(MON + 7, 9));
    expect(nextBoundary([], at(MON, 8))).toBeNull();
  });

  it('refuses rules that do not make sense, with a message that says why', () => {
    const refused = (limitSchedule: unknown) => {
      const parsed = SettingsPatchSchema.safeParse({ limitSchedule });
      return parsed.success ? null : parsed.error.issues[0]!.message;
    };
    expect(refused([office, rule([0], '22:00', '06:00', 1), rule([3], '00:00', '24:00', 1)])).toBeNull();
    expect(refused([rule([], '09:00', '18:00', 1)])).toBe('a schedule rule needs at least one day');
    expect(refused([rule([1, 1], '09:00', '18:00', 1)])).toBe('a schedule rule names each day once');
    expect(refused([rule([7], '09:00', '18:00', 1)])).toMatch(/<=6/);
    expect(refused([rule([1], '9:00', '18:00', 1)])).toBe('a schedule rule starts at a time such as 09:00');
    expect(refused([rule([1], '09:00', '24:30', 1)])).toBe('a schedule rule ends at a time such as 18:00 (or 24:00)');
    expect(refused([rule([1], '09:00', '18:00', -1)])).toMatch(/>=0/);
  });
});

describe('the limits in force', () => {
  const settings = (patch: Partial<Settings>): Settings => ({ ...defaultSettings(), downloadLimitBytesPerSec: 5_000_000, uploadLimitBytesPerSec: 0, ...patch });
  const office = rule(WEEKDAYS, '09:00', '18:00', 1_000_000, 100_000);

  function setUp(start: number) {
    const clock = new HandClock(start);
    const heard: LimitStatus[] = [];
    const ticks: string[][] = [];
    const limits = new LimitsInForce(clock, (status) => heard.push(status), (kinds) => ticks.push(kinds));
    return { clock, heard, ticks, limits, last: () => heard.at(-1)! };
  }

  it('switches between the normal limits and the schedule at its boundaries, by a timer to the next one', () => {
    const { clock, limits, last, heard } = setUp(at(MON, 8));
    limits.apply(settings({ limitSchedule: [office] }));
    expect(last()).toEqual({ source: 'normal', rules: [], downloadBytesPerSec: 5_000_000, uploadBytesPerSec: 0, binding: [] });
    // One timer, due at the boundary: nothing polls.
    expect(clock.pending).toEqual({ count: 1, next: at(MON, 8) + 10 * 60_000 });
    clock.set(at(MON, 8, 59, 59));
    expect(last().source).toBe('normal');
    clock.set(at(MON, 9));
    expect(last()).toEqual({ source: 'schedule', rules: [office], downloadBytesPerSec: 1_000_000, uploadBytesPerSec: 100_000, binding: [] });
    expect(clock.pending).toEqual({ count: 1, next: at(MON, 9) + 10 * 60_000 });
    const told = heard.length;
    clock.set(at(MON, 17, 59));
    // The timers that fired on the way changed nothing, so nothing was told.
    expect(heard.length).toBe(told);
    clock.set(at(MON, 18));
    expect(last().source).toBe('normal');
    limits.close();
    expect(clock.pending.count).toBe(0);
  });

  it('lets the alternative limits switched on by hand win over the schedule, and the schedule come back after', () => {
    const { clock, limits, last } = setUp(at(MON, 10));
    const base = { limitSchedule: [office], altDownloadLimitBytesPerSec: 300_000, altUploadLimitBytesPerSec: 20_000 };
    limits.apply(settings(base));
    expect(last().source).toBe('schedule');
    limits.apply(settings({ ...base, alternativeLimitOn: true }));
    expect(last()).toEqual({ source: 'alternative', rules: [], downloadBytesPerSec: 300_000, uploadBytesPerSec: 20_000, binding: [] });
    clock.set(at(MON, 18, 30));
    expect(last().source).toBe('alternative');
    clock.set(at(MON + 1, 10));
    limits.apply(settings({ ...base, alternativeLimitOn: false }));
    expect(last().source).toBe('schedule');
    limits.close();
  });

  it('says a global limit binds while movers wait for it, and stops saying so a second after the last wait', () => {
    const { clock, limits, last, ticks } = setUp(at(MON, 8));
    limits.apply(settings({ downloadLimitBytesPerSec: 100_000 }));
    const pacer = limits.rates.pacerFor('download', () => null);
    const own = limits.rates.pacerFor('upload', () => 1000);
    own.take(10_000);
    // A transfer's own limit is its own business: the header does not speak of it.
    expect(own.waitLeft()).toBeGreaterThan(0);
    expect(last().binding).toEqual([]);
    pacer.take(200_000);
    expect(pacer.waitLeft()).toBe(2000);
    expect(last().binding).toEqual(['download']);
    // A mover asks again every 200 ms (PACE_STEP_MS), and whenever it may, takes 30 kB and asks how long to wait (as paced() does), for 3 s.
    for (let step = 0; step < 15; step++) {
      clock.advance(200);
      if (pacer.waitLeft() === 0) {
        pacer.take(30_000);
        pacer.waitLeft();
      }
      expect(last().binding).toEqual(['download']);
    }
    // Once a second while it bound, the transfers of that kind were to be announced (their speed falls).
    expect(ticks).toEqual([['download'], ['download'], ['download']]);
    // It stops asking: a second later the limit no longer binds.
    clock.advance(2000);
    expect(last().binding).toEqual([]);
    // Nothing binds: no timer is left running.
    expect(clock.pending.count).toBe(0);
    limits.close();
  });
});
