// Start times and time windows as people type them (`--at`, `ferry config set runWindows`), and
// the scheduler's pure rule: which transfer waits, why in words, and when that changes next.
import { describe, expect, it } from 'vitest';
import { parseRunWindows, parseStartTime, runWindowsText, startTimeText } from '../../shared/schedule-text.ts';
import { momentWords, nextScheduleChange, scheduleHold } from '../../electron/engine/policy/schedule-hold.ts';

/** Monday 5 January 2026 10:00, local time. */
const NOW = new Date(2026, 0, 5, 10).getTime();
const at = (day: number, hours: number, minutes = 0) => new Date(2026, 0, day, hours, minutes).getTime();

describe('start times', () => {
  it('takes HH:MM as the next such time, a local date and time, and +N m/h', () => {
    expect(parseStartTime('14:30', NOW)).toBe(at(5, 14, 30));
    expect(parseStartTime('02:00', NOW)).toBe(at(6, 2));
    expect(parseStartTime('10:00', NOW)).toBe(at(6, 10));
    expect(parseStartTime('2026-12-24 18:30', NOW)).toBe(new Date(2026, 11, 24, 18, 30).getTime());
    expect(parseStartTime('2026-12-24T08:05', NOW)).toBe(new Date(2026, 11, 24, 8, 5).getTime());
    expect(parseStartTime('+90m', NOW)).toBe(NOW + 90 * 60_000);
    expect(parseStartTime('+2h', NOW)).toBe(NOW + 2 * 3_600_000);
    expect(startTimeText(at(24, 18, 30))).toBe('2026-01-24 18:30');
  });

  it('refuses what names no moment, saying what it takes', () => {
    expect(parseStartTime('25:00', NOW)).toEqual({ problem: 'a start time is HH:MM (the next one), "YYYY-MM-DD HH:MM" or +N m/h from now, not "25:00"' });
    expect(parseStartTime('tomorrow', NOW)).toHaveProperty('problem');
    expect(parseStartTime('2026-02-30 10:00', NOW)).toEqual({ problem: '2026-02-30 10:00 is not a date' });
  });
});

describe('time windows', () => {
  it('reads days and spans, every day without days, and writes them back the same', () => {
    const windows = parseRunWindows('mon-fri 1:00-07:00; sat,sun 00:00-24:00; 22:00-02:00');
    expect(windows).toEqual([
      { days: [1, 2, 3, 4, 5], from: '01:00', to: '07:00' },
      { days: [0, 6], from: '00:00', to: '24:00' },
      { days: [0, 1, 2, 3, 4, 5, 6], from: '22:00', to: '02:00' },
    ]);
    expect(runWindowsText(windows as never)).toBe('mon-fri 01:00-07:00; sun,sat 00:00-24:00; 22:00-02:00');
    expect(parseRunWindows(runWindowsText(windows as never))).toEqual(windows);
    expect(parseRunWindows('fri-mon 20:00-23:00')).toEqual([{ days: [0, 1, 5, 6], from: '20:00', to: '23:00' }]);
    expect(parseRunWindows('none')).toEqual([]);
    expect(runWindowsText([])).toBe('none');
  });

  it('refuses a window it cannot read, naming it', () => {
    expect(parseRunWindows('weekdays 01:00-07:00')).toEqual({ problem: 'a time window is "[days] HH:MM-HH:MM" such as "mon-fri 01:00-07:00" (windows apart with ";"), not "weekdays 01:00-07:00"' });
    expect(parseRunWindows('01:00')).toHaveProperty('problem');
    expect(parseRunWindows('mon 01:00-25:00')).toHaveProperty('problem');
    expect(parseRunWindows('[oops')).toHaveProperty('problem');
  });
});

describe('the scheduler\'s rule', () => {
  const nights = [{ days: [0, 1, 2, 3, 4, 5, 6], from: '01:00', to: '07:00' }];
  const free = { startAt: null, runAnytime: false };

  it('holds before the start time and outside the windows, saying until when', () => {
    expect(scheduleHold({ startAt: at(5, 14, 30), runAnytime: false }, [], NOW)).toEqual({ state: 'scheduled', reason: 'scheduled for 14:30' });
    expect(scheduleHold(free, nights, NOW)).toEqual({ state: 'scheduled', reason: 'scheduled for Tue 01:00, when a time window opens' });
    expect(scheduleHold(free, nights, at(6, 3))).toBeNull();
    expect(scheduleHold(free, [], NOW)).toBeNull();
    // "Start now": the windows no longer hold it.
    expect(scheduleHold({ startAt: null, runAnytime: true }, nights, NOW)).toBeNull();
    // Its start time first, then the windows.
    expect(scheduleHold({ startAt: at(5, 9), runAnytime: false }, nights, NOW)?.reason).toBe('scheduled for Tue 01:00, when a time window opens');
  });

  it('names moments today by the time, this week by the day, later by the date', () => {
    expect(momentWords(at(5, 23, 5), NOW)).toBe('23:05');
    expect(momentWords(at(11, 8), NOW)).toBe('Sun 08:00');
    expect(momentWords(at(12, 8), NOW)).toBe('2026-01-12 08:00');
  });

  it('knows the next moment anything may change', () => {
    expect(nextScheduleChange([free], [], NOW)).toBeNull();
    expect(nextScheduleChange([{ startAt: at(5, 12), runAnytime: false }, { startAt: at(5, 9), runAnytime: false }], [], NOW)).toBe(at(5, 12));
    expect(nextScheduleChange([{ startAt: at(6, 12), runAnytime: false }], nights, NOW)).toBe(at(6, 1));
  });
});
