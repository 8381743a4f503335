// The English words of the speed limits (the header's switch and line, the limit fields and
// dialog, the schedule in Settings), spread into the catalog by en.ts.
export const enLimits = {
  limits: {
    alternative: 'Alternative limit',
    alternativeHint: (limits: string) => `Switch the alternative speed limit on or off (${limits}); it wins over the schedule and the normal limits`,
    none: 'no limit',
    pair: (down: string, up: string) => `${down} down, ${up} up`,
    /** The header's line while a global limit holds transfers back. */
    limitedTo: (speeds: string, why: string) => `Limited to ${speeds} (${why})`,
    down: (speed: string) => `${speed} down`,
    up: (speed: string) => `${speed} up`,
    and: ', ',
    whyNormal: 'speed limit in Settings',
    whyAlternative: 'alternative limit',
    whySchedule: (rules: string) => `schedule: ${rules}`,
    /** A rule in words: "weekdays 09:00-18:00". */
    rule: (days: string, from: string, to: string) => `${days} ${from}-${to}`,
    dayNames: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    everyDay: 'every day',
    weekdays: 'weekdays',
    weekends: 'weekends',
    /** A transfer's own limit as typed: its field and what is wrong with it. */
    ownLimit: 'Speed limit',
    ownLimitPlaceholder: 'none, or e.g. 500k, 2M',
    badRate: (text: string) => `"${text}" is not a speed: write e.g. 500k, 2M or 1.5MiB (bytes per second), or leave it empty for no limit.`,
    dialogTitle: (name: string) => `Speed limit: ${name}`,
    dialogHint: 'Only this transfer; the limits for all transfers apply as well. A running transfer follows at once.',
    set: 'Set',
    ownNow: (speed: string) => `Now at most ${speed}`,
    ownNone: 'Now none of its own',
    change: 'Change',
    // Settings
    alternativeDown: 'Alternative: downloads at most (kB/s; 0: no limit)',
    alternativeUp: 'Alternative: uploads at most (kB/s; 0: no limit)',
    schedule: 'Speed limit schedule',
    scheduleHint: 'While a rule is in force its limits replace the ones above (the alternative limit, switched on, wins over it); where rules overlap the lowest limit wins.',
    noRules: 'No rules: the limits above hold at all times.',
    addRule: 'Add rule',
    removeRule: 'Remove rule',
    ruleLabel: (n: number) => `Rule ${n}`,
    from: 'From',
    to: 'To',
    ruleDown: 'Downloads (kB/s; 0: no limit)',
    ruleUp: 'Uploads (kB/s; 0: no limit)',
  },
};
