// When a new transfer may start: a local date and time (empty: as soon as it may). Until then it
// waits, "Scheduled", and its row says until when.
import { t } from '../i18n/catalog.ts';

export function StartAtField({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  return (
    <label title={t.add.startAtHint}>
      {t.add.startAt}
      <input name="startAt" type="datetime-local" value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
