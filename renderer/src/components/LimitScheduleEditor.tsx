// Settings' speed limit schedule: rules of days, a time span and the limits while it holds. The
// engine checks every rule when Settings is saved (shared/schemas.ts) and says what is wrong.
import type { LimitRule } from '../../../shared/model.ts';
import { t } from '../i18n/catalog.ts';

/** Monday first, as most calendars show the week; the values are Date.getDay()'s (0: Sunday). */
const WEEK = [1, 2, 3, 4, 5, 6, 0];
const NEW_RULE: LimitRule = { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00', downloadLimitBytesPerSec: 1_000_000, uploadLimitBytesPerSec: 0 };

function RuleEditor({ rule, n, onChange, onRemove }: { rule: LimitRule; n: number; onChange: (rule: LimitRule) => void; onRemove: () => void }) {
  const set = <K extends keyof LimitRule>(key: K, value: LimitRule[K]) => onChange({ ...rule, [key]: value });
  const kilo = (key: 'downloadLimitBytesPerSec' | 'uploadLimitBytesPerSec', label: string) => (
    <label>
      {label}
      <input type="number" min={0} step={0.1} value={rule[key] / 1000} onChange={(e) => set(key, Math.round(Number(e.target.value) * 1000))} />
    </label>
  );
  return (
    <fieldset className="limit-rule" aria-label={t.limits.ruleLabel(n)}>
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
        {kilo('downloadLimitBytesPerSec', t.limits.ruleDown)}
        {kilo('uploadLimitBytesPerSec', t.limits.ruleUp)}
        <button type="button" className="quiet" onClick={onRemove}>
          {t.limits.removeRule}
        </button>
      </div>
    </fieldset>
  );
}

export function LimitScheduleEditor({ rules, onChange }: { rules: LimitRule[]; onChange: (rules: LimitRule[]) => void }) {
  return (
    <section className="limit-schedule" aria-label={t.limits.schedule}>
      <h3>{t.limits.schedule}</h3>
      <p className="hint">{t.limits.scheduleHint}</p>
      {rules.length === 0 && <p className="hint">{t.limits.noRules}</p>}
      {rules.map((rule, index) => (
        <RuleEditor
          key={index}
          rule={rule}
          n={index + 1}
          onChange={(changed) => onChange(rules.map((r, i) => (i === index ? changed : r)))}
          onRemove={() => onChange(rules.filter((_, i) => i !== index))}
        />
      ))}
      <button type="button" onClick={() => onChange([...rules, NEW_RULE])}>
        {t.limits.addRule}
      </button>
    </section>
  );
}
