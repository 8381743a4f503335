import { useEffect, useState, type FormEvent } from 'react';
import type { Settings } from '../../../shared/model.ts';
import { useFerry } from '../state/context.tsx';
import { Dialog, DialogButtons } from './Dialog.tsx';
import { t } from '../i18n/catalog.ts';

/** The host's word on the folder being typed (debounced): null when downloads can go there. */
function useFolderWarning(dir: string): string | null {
  const checkFolder = useFerry((s) => s.checkFolder);
  const [warning, setWarning] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void checkFolder(dir).then((problem) => {
        if (current) setWarning(problem);
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [dir, checkFolder]);
  return warning;
}

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const current = useFerry((s) => s.settings);
  const saveSettings = useFerry((s) => s.saveSettings);
  const [draft, setDraft] = useState<Settings | null>(current);
  const [error, setError] = useState<string | null>(null);
  const folderWarning = useFolderWarning(draft?.downloadDir ?? '');
  if (!draft) return null;
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => setDraft({ ...draft, [key]: value });
  const seconds = (key: 'connectTimeoutMs' | 'responseTimeoutMs' | 'stallTimeoutMs', label: string) => (
    <label>
      {label}
      <input type="number" min={1} value={Math.round(draft[key] / 1000)} onChange={(e) => set(key, Number(e.target.value) * 1000)} />
    </label>
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const outcome = await saveSettings({
      downloadDir: draft.downloadDir,
      maxConcurrent: draft.maxConcurrent,
      retries: draft.retries,
      connectTimeoutMs: draft.connectTimeoutMs,
      responseTimeoutMs: draft.responseTimeoutMs,
      stallTimeoutMs: draft.stallTimeoutMs,
      preventSleep: draft.preventSleep,
      theme: draft.theme,
      density: draft.density,
      networkCost: draft.networkCost,
      batteryThreshold: draft.batteryThreshold,
    });
    if (outcome.ok) onClose();
    else setError(outcome.error);
  };

  return (
    <Dialog title={t.settings.title} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          {t.settings.folder}
          <input value={draft.downloadDir} aria-describedby={folderWarning ? 'folder-warning' : undefined} onChange={(e) => set('downloadDir', e.target.value)} />
        </label>
        {folderWarning && (
          <p className="form-warning" id="folder-warning" role="status">
            {t.settings.folderProblem(folderWarning)}
          </p>
        )}
        <div className="row">
          <label>
            {t.settings.concurrent}
            <input type="number" min={1} max={200} value={draft.maxConcurrent} onChange={(e) => set('maxConcurrent', Number(e.target.value))} />
          </label>
          <label>
            {t.settings.retries}
            <input type="number" min={0} max={100} value={draft.retries} onChange={(e) => set('retries', Number(e.target.value))} />
          </label>
        </div>
        <div className="row">
          {seconds('connectTimeoutMs', t.settings.connectTimeout)}
          {seconds('responseTimeoutMs', t.settings.responseTimeout)}
          {seconds('stallTimeoutMs', t.settings.stallTimeout)}
        </div>
        <div className="row">
          <label>
            {t.settings.network}
            <select value={draft.networkCost} onChange={(e) => set('networkCost', e.target.value as Settings['networkCost'])}>
              <option value="auto">{t.settings.networkAuto}</option>
              <option value="unrestricted">{t.settings.networkUnrestricted}</option>
              <option value="metered">{t.settings.networkMetered}</option>
              <option value="approaching-limit">{t.settings.networkApproaching}</option>
              <option value="roaming">{t.settings.networkRoaming}</option>
              <option value="over-limit">{t.settings.networkOver}</option>
            </select>
          </label>
          <label>
            {t.settings.battery}
            <input type="number" min={0} max={100} value={draft.batteryThreshold} onChange={(e) => set('batteryThreshold', Number(e.target.value))} />
          </label>
        </div>
        <label className="check">
          <input type="checkbox" checked={draft.preventSleep} onChange={(e) => set('preventSleep', e.target.checked)} />
          {t.settings.preventSleep}
        </label>
        <div className="row">
          <label>
            {t.settings.theme}
            <select value={draft.theme} onChange={(e) => set('theme', e.target.value as Settings['theme'])}>
              <option value="system">{t.settings.themeSystem}</option>
              <option value="light">{t.settings.themeLight}</option>
              <option value="dark">{t.settings.themeDark}</option>
            </select>
          </label>
          <label>
            {t.settings.rows}
            <select value={draft.density} onChange={(e) => set('density', e.target.value as Settings['density'])}>
              <option value="comfortable">{t.settings.rowsComfortable}</option>
              <option value="compact">{t.settings.rowsCompact}</option>
            </select>
          </label>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <DialogButtons onClose={onClose} label={t.settings.save} />
      </form>
    </Dialog>
  );
}
