// Settings' speed limit schedule: rules of days, a time span and the limits while it holds.
import type { LimitRule } from '../../../shared/model.ts';
import { t } from '../i18n/catalog.ts';
import { WeeklySpansEditor } from './WeeklySpansEditor.tsx';

const NEW_RULE: LimitRule = { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00', downloadLimitBytesPerSec: 1_000_000, uploadLimitBytesPerSec: 0 };

function limitFields(rule: LimitRule, onChange: (rule: LimitRule) => void) {
  const kilo = (key: 'downloadLimitBytesPerSec' | 'uploadLimitBytesPerSec', label: string) => (
    <label>
      {label}
      <input type="number" min={0} step={0.1} value={rule[key] / 1000} onChange={(e) => onChange({ ...rule, [key]: Math.round(Number(e.target.value) * 1000) })} />
    </label>
  );
  return (
    <>
      {kilo('downloadLimitBytesPerSec', t.limits.ruleDown)}
      {kilo('uploadLimitBytesPerSec', t.limits.ruleUp)}
    </>
  );
}

export function LimitScheduleEditor({ rules, onChange }: { rules: LimitRule[]; onChange: (rules: LimitRule[]) => void }) {
  const words = { title: t.limits.schedule, hint: t.limits.scheduleHint, none: t.limits.noRules, add: t.limits.addRule, remove: t.limits.removeRule, ruleLabel: t.limits.ruleLabel };
  return <WeeklySpansEditor rules={rules} onChange={onChange} words={words} newRule={NEW_RULE} extra={limitFields} />;
}
