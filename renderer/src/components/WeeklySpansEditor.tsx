// Rules of days and a time span, as Settings edits them: the speed limit schedule (each rule with
// its limits) and the time windows when transfers may run. The engine checks every rule when
// Settings is saved (shared/schemas.ts) and says what is wrong.
import type { ReactNode } from 'react';
import type { WeeklySpan } from '../../../shared/model.ts';
import { t } from '../i18n/catalog.ts';

/** Monday first, as most calendars show the week; the values are Date.getDay()'s (0: Sunday). */
const WEEK = [1, 2, 3, 4, 5, 6, 0];

interface SpanEditorProps<R extends WeeklySpan> {
  rule: R;
  label: string;
  removeLabel: string;
  onChange: (rule: R) => void;
  onRemove: () => void;
  /** What a rule holds besides its span (the limit schedule's speeds). */
  extra?: ((rule: R, onChange: (rule: R) => void) => ReactNode) | undefined;
}

function SpanEditor<R extends WeeklySpan>({ rule, label, removeLabel, onChange, onRemove, extra }: SpanEditorProps<R>) {
  const set = <K extends keyof R>(key: K, value: R[K]) => onChange({ ...rule, [key]: value });
  return (
    <fieldset className="limit-rule" aria-label={label}>
      <div className="days">
        {WEEK.map((day) => (
          <label key={day} className="check">
            <input
              type="checkbox"
              checked={rule.days.includes(day)}
              onChange={(e) => set('days', e.target.checked ? [...rule.days, day].sort((a, b) => a - b) : rule.days.filter((d) => d !== day))}
            />
            {t.limits.dayNames[day]}
          </label>
        ))}
      </div>
      <div className="row">
        <label>
          {t.limits.from}
          <input type="time" required value={rule.from} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label>
          {t.limits.to}
          <input type="time" required value={rule.to === '24:00' ? '00:00' : rule.to} onChange={(e) => set('to', e.target.value)} />
        </label>
        {extra?.(rule, onChange)}
        <button type="button" className="quiet" onClick={onRemove}>
          {removeLabel}
        </button>
      </div>
    </fieldset>
  );
}

export interface WeeklySpansWords {
  title: string;
  hint: string;
  none: string;
  add: string;
  remove: string;
  ruleLabel: (n: number) => string;
}

export function WeeklySpansEditor<R extends WeeklySpan>({ rules, onChange, words, newRule, extra }: {
  rules: R[];
  onChange: (rules: R[]) => void;
  words: WeeklySpansWords;
  newRule: R;
  extra?: SpanEditorProps<R>['extra'];
}) {
  return (
    <section className="limit-schedule" aria-label={words.title}>
      <h3>{words.title}</h3>
      <p className="hint">{words.hint}</p>
      {rules.length === 0 && <p className="hint">{words.none}</p>}
      {rules.map((rule, index) => (
        <SpanEditor
          key={index}
          rule={rule}
          label={words.ruleLabel(index + 1)}
          removeLabel={words.remove}
          extra={extra}
          onChange={(changed) => onChange(rules.map((r, i) => (i === index ? changed : r)))}
          onRemove={() => onChange(rules.filter((_, i) => i !== index))}
        />
      ))}
      <button type="button" onClick={() => onChange([...rules, newRule])}>
        {words.add}
      </button>
    </section>
  );
}
