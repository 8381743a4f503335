// A transfer's own speed limit: what it is, and a field to change it (while it runs, it follows at
// once). In the details dialog and in the row menu's "Speed limit…" dialog.
import { useState, type FormEvent, type ReactNode } from 'react';
import { FINAL_STATES } from '../../../shared/model.ts';
import { useFerry } from '../state/context.tsx';
import { rateFromText, rateText, speedOrNone } from '../state/limits.ts';
import { t } from '../i18n/catalog.ts';
import { RateField } from './RateField.tsx';

export function OwnLimitForm({ id, onSet, children }: { id: string; onSet?: () => void; children?: ReactNode }) {
  const own = useFerry((s) => s.transfers.get(id)?.limitBytesPerSec ?? null);
  const finished = useFerry((s) => FINAL_STATES.includes(s.transfers.get(id)?.state ?? 'completed'));
  const change = useFerry((s) => s.change);
  const [text, setText] = useState(rateText(own));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const bytes = rateFromText(text);
    if (typeof bytes === 'string') return setError(bytes);
    setBusy(true);
    const outcome = await change((bridge) => bridge.setLimit(id, bytes || null));
    setBusy(false);
    if (!outcome.ok) return setError(outcome.error);
    setError(null);
    onSet?.();
  };

  return (
    <form className="own-limit" onSubmit={(e) => void submit(e)} noValidate>
      <p className="own-limit-now" role="status">
        {own ? t.limits.ownNow(speedOrNone(own), !finished) : t.limits.ownNone(!finished)}
      </p>
      {!finished && (
        <RateField
          label={t.limits.ownLimit}
          value={text}
          onChange={(value) => {
            setText(value);
            setError(null);
          }}
        />
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {children ?? (
        !finished && (
          <button type="submit" disabled={busy}>
            {t.limits.set}
          </button>
        )
      )}
    </form>
  );
}
