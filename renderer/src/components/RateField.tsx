// A speed limit typed as on the command line ("500k", "2M", empty for none), saying at once what
// is wrong with it under the field.
import { useId } from 'react';
import { rateFromText } from '../state/limits.ts';
import { t } from '../i18n/catalog.ts';

export function RateField({ label, value, onChange }: { label: string; value: string; onChange: (text: string) => void }) {
  const problemId = useId();
  const parsed = rateFromText(value);
  const problem = typeof parsed === 'string' ? parsed : null;
  return (
    <label>
      {label}
      <input
        name="limit"
        value={value}
        placeholder={t.limits.ownLimitPlaceholder}
        aria-invalid={problem !== null}
        aria-describedby={problem ? problemId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {problem && (
        <span className="form-error" id={problemId} role="alert">
          {problem}
        </span>
      )}
    </label>
  );
}
