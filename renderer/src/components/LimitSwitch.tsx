// The header's speed limits: the alternative limit switched on or off with one click, and, while
// a global limit holds transfers back, a line that says so and why.
import { useFerry, useFerryStore } from '../state/context.tsx';
import { limitLine, speedOrNone } from '../state/limits.ts';
import { t } from '../i18n/catalog.ts';

export function LimitSwitch({ disabled }: { disabled: boolean }) {
  const settings = useFerry((s) => s.settings);
  const saveSettings = useFerry((s) => s.saveSettings);
  const store = useFerryStore();
  if (!settings) return null;
  const on = settings.alternativeLimitOn;
  const switchTo = async (alternativeLimitOn: boolean) => {
    const outcome = await saveSettings({ alternativeLimitOn });
    if (!outcome.ok) store.setState({ notice: outcome.error });
  };
  const limits = t.limits.pair(speedOrNone(settings.altDownloadLimitBytesPerSec), speedOrNone(settings.altUploadLimitBytesPerSec));
  return (
    <button type="button" className={on ? 'toggle on' : 'toggle'} aria-pressed={on} disabled={disabled} title={t.limits.alternativeHint(limits)} onClick={() => void switchTo(!on)}>
      {t.limits.alternative}
    </button>
  );
}

/** "Limited to 1.0 MB/s down (alternative limit)" while a global limit binds; nothing otherwise. */
export function LimitLine() {
  const line = useFerry((s) => limitLine(s.limits));
  if (!line) return null;
  return (
    <p className="limited" role="status">
      {line}
    </p>
  );
}
