// The German words of the speed limits, spread into the German catalog by de.ts (the same keys as
// en-limits.ts: the type makes a missing or extra one an error).
import type { enLimits } from './en-limits.ts';

export const deLimits: typeof enLimits = {
  limits: {
    alternative: 'Alternatives Limit',
    alternativeHint: (limits) => `Das alternative Geschwindigkeitslimit ein- oder ausschalten (${limits}); es hat Vorrang vor dem Zeitplan und den normalen Limits`,
    none: 'kein Limit',
    pair: (down, up) => `${down} herunter, ${up} hoch`,
    limitedTo: (speeds, why) => `Begrenzt auf ${speeds} (${why})`,
    down: (speed) => `${speed} herunter`,
    up: (speed) => `${speed} hoch`,
    and: ', ',
    whyNormal: 'Geschwindigkeitslimit in den Einstellungen',
    whyAlternative: 'alternatives Limit',
    whySchedule: (rules) => `Zeitplan: ${rules}`,
    rule: (days, from, to) => `${days} ${from}–${to}`,
    allDay: (days) => `${days}, ganztägig`,
    dayNames: ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'],
    everyDay: 'täglich',
    weekdays: 'werktags',
    weekends: 'am Wochenende',
    // A soft hyphen (\u00AD): the long compound breaks there in the details' column of labels.
    ownLimit: 'Geschwindigkeits\u00ADlimit',
    ownLimitPlaceholder: 'leer: keins; oder z. B. 500k, 2M',
    badRate: (text) =>
      `„${text}“ ist keine Geschwindigkeit: Schreiben Sie z. B. 500k, 2M oder 1.5MiB (Bytes pro Sekunde, mit Punkt), oder lassen Sie das Feld leer für kein Limit.`,
    dialogTitle: (name) => `Geschwindigkeitslimit: ${name}`,
    dialogHint: 'Nur für diese Übertragung; die Limits für alle Übertragungen gelten zusätzlich. Eine laufende Übertragung hält sich sofort daran.',
    set: 'Festlegen',
    ownNow: (speed, live) => `${live ? 'Jetzt höchstens' : 'Höchstens'} ${speed}`,
    ownNone: (live) => (live ? 'Derzeit kein eigenes' : 'Kein eigenes'),
    change: 'Ändern',
    alternativeDown: 'Alternativ: Downloads höchstens (kB/s; 0: kein Limit)',
    alternativeUp: 'Alternativ: Uploads höchstens (kB/s; 0: kein Limit)',
    schedule: 'Zeitplan für Geschwindigkeitslimits',
    scheduleHint:
      'Solange eine Regel gilt, ersetzen ihre Limits die obigen (das eingeschaltete alternative Limit hat Vorrang vor ihr); wo sich Regeln überschneiden, gilt jeweils das niedrigste Limit.',
    noRules: 'Keine Regeln: Die obigen Limits gelten immer.',
    addRule: 'Regel hinzufügen',
    removeRule: 'Regel entfernen',
    ruleLabel: (n) => `Regel ${n}`,
    noDay: (n) => `Regel ${n} des Zeitplans braucht mindestens einen Tag.`,
    noTime: (n) => `Regel ${n} des Zeitplans braucht eine Start- und eine Endzeit.`,
    from: 'Von',
    to: 'Bis',
    ruleDown: 'Downloads (kB/s; 0: kein Limit)',
    ruleUp: 'Uploads (kB/s; 0: kein Limit)',
  },
};
