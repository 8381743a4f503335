import { useEffect, useState, type FormEvent } from 'react';
import { MAX_CONNECTIONS, type Settings } from '../../../shared/model.ts';
import { useFerry } from '../state/context.tsx';
import { Dialog, DialogButtons } from './Dialog.tsx';
import { SelectField } from './SelectField.tsx';
import { LimitScheduleEditor } from './LimitScheduleEditor.tsx';
import { WeeklySpansEditor } from './WeeklySpansEditor.tsx';
import { Tabs } from './Tabs.tsx';
import { CategoriesEditor } from './CategoriesEditor.tsx';
import { ProxySettings } from './ProxySettings.tsx';
import { PAC_PROXY, pacUrlProblem } from '../../../shared/proxy-url.ts';
import { Aria2RpcSettings } from './Aria2RpcSettings.tsx';
import { BrowserSettings } from './BrowserSettings.tsx';
import { scheduleProblem } from '../state/limits.ts';
import { LANGUAGE_NAMES, t } from '../i18n/catalog.ts';
import { FolderField } from './FolderField.tsx';

/** A new time window: weeknights. */
const NEW_WINDOW = { days: [1, 2, 3, 4, 5], from: '01:00', to: '07:00' };

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
  // A change answers the last refusal: its message goes until the next Save.
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => {
    setDraft({ ...draft, [key]: value });
    setError(null);
  };
  const seconds = (key: 'connectTimeoutMs' | 'responseTimeoutMs' | 'stallTimeoutMs' | 'speedFloorWindowMs', label: string) => (
    <label>
      {label}
      <input type="number" min={1} value={Math.round(draft[key] / 1000)} onChange={(e) => set(key, Number(e.target.value) * 1000)} />
    </label>
  );
  /** A speed in kB/s on screen, bytes per second in the settings. */
  const kiloRate = (key: 'speedFloorBytesPerSec' | 'downloadLimitBytesPerSec' | 'uploadLimitBytesPerSec' | 'altDownloadLimitBytesPerSec' | 'altUploadLimitBytesPerSec', label: string) => (
    <label>
      {label}
      <input type="number" min={0} step={0.1} value={draft[key] / 1000} onChange={(e) => set(key, Math.round(Number(e.target.value) * 1000))} />
    </label>
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = scheduleProblem(draft.limitSchedule) ?? scheduleProblem(draft.runWindows, t.runWindows);
    if (problem) return setError(problem);
    if (draft.proxy === '') return setError(t.proxy.needUrl);
    if (draft.proxy === PAC_PROXY && (draft.pacUrl === '' || pacUrlProblem(draft.pacUrl))) return setError(t.proxy.notPacUrl);
    const outcome = await saveSettings({
      downloadDir: draft.downloadDir,
      maxConcurrent: draft.maxConcurrent,
      retries: draft.retries,
      maxConnectionsPerServer: draft.maxConnectionsPerServer,
      categories: draft.categories,
      ftpTls: draft.ftpTls,
      proxy: draft.proxy,
      noProxy: draft.noProxy,
      pacUrl: draft.pacUrl,
      connectTimeoutMs: draft.connectTimeoutMs,
      responseTimeoutMs: draft.responseTimeoutMs,
      stallTimeoutMs: draft.stallTimeoutMs,
      speedFloorBytesPerSec: draft.speedFloorBytesPerSec,
      speedFloorWindowMs: draft.speedFloorWindowMs,
      downloadLimitBytesPerSec: draft.downloadLimitBytesPerSec,
      uploadLimitBytesPerSec: draft.uploadLimitBytesPerSec,
      altDownloadLimitBytesPerSec: draft.altDownloadLimitBytesPerSec,
      altUploadLimitBytesPerSec: draft.altUploadLimitBytesPerSec,
      limitSchedule: draft.limitSchedule,
      runWindows: draft.runWindows,
      preventSleep: draft.preventSleep,
      theme: draft.theme,
      density: draft.density,
      language: draft.language,
      networkCost: draft.networkCost,
      batteryThreshold: draft.batteryThreshold,
      aria2RpcEnabled: draft.aria2RpcEnabled,
      aria2RpcPort: draft.aria2RpcPort,
      aria2RpcOrigins: draft.aria2RpcOrigins,
    });
    if (outcome.ok) onClose();
    else setError(outcome.error);
  };

  return (
    <Dialog title={t.settings.title} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <Tabs idPrefix="settings" orientation="vertical" className="settings-sections"
          label={t.settings.sections}
          sections={[
            {
              id: 'general',
              label: t.settings.general,
              content: (
                <>
                  <FolderField label={t.settings.folder} value={draft.downloadDir} describedBy={folderWarning ? 'folder-warning' : undefined} onChange={(dir) => set('downloadDir', dir)} />
                  {folderWarning && (
                    <p className="form-warning" id="folder-warning" role="status">
                      {t.settings.folderProblem(folderWarning)}
                    </p>
                  )}
                  <label>
                    {t.settings.concurrent}
                    <input type="number" min={1} max={200} value={draft.maxConcurrent} onChange={(e) => set('maxConcurrent', Number(e.target.value))} />
                  </label>
                  <label className="check">
                    <input type="checkbox" checked={draft.preventSleep} onChange={(e) => set('preventSleep', e.target.checked)} />
                    {t.settings.preventSleep}
                  </label>
                </>
              ),
            },
            {
              id: 'transfers',
              label: t.settings.transfers,
              content: (
                <>
                  <div className="row">
                    <label title={t.settings.connectionsHint}>
                      {t.settings.connections}
                      <input
                        type="number"
                        min={1}
                        max={MAX_CONNECTIONS}
                        value={draft.maxConnectionsPerServer}
                        onChange={(e) => set('maxConnectionsPerServer', Number(e.target.value))}
                      />
                    </label>
                    <label>
                      {t.settings.retries}
                      <input type="number" min={0} max={100} value={draft.retries} onChange={(e) => set('retries', Number(e.target.value))} />
                    </label>
                  </div>
                  <div className="row">
                    {kiloRate('speedFloorBytesPerSec', t.settings.speedFloor)}
                    {seconds('speedFloorWindowMs', t.settings.speedFloorWindow)}
                  </div>
                  <WeeklySpansEditor rules={draft.runWindows} onChange={(windows) => set('runWindows', windows)} words={t.runWindows} newRule={NEW_WINDOW} />
                </>
              ),
            },
            {
              id: 'limits',
              label: t.settings.limits,
              content: (
                <>
                  <div className="row">
                    {kiloRate('downloadLimitBytesPerSec', t.settings.downloadLimit)}
                    {kiloRate('uploadLimitBytesPerSec', t.settings.uploadLimit)}
                  </div>
                  <div className="row">
                    {kiloRate('altDownloadLimitBytesPerSec', t.limits.alternativeDown)}
                    {kiloRate('altUploadLimitBytesPerSec', t.limits.alternativeUp)}
                  </div>
                  <LimitScheduleEditor
                    rules={draft.limitSchedule}
                    onChange={(rules) => {
                      set('limitSchedule', rules);
                      setError(null);
                    }}
                  />
                </>
              ),
            },
            {
              id: 'network',
              label: t.settings.networkAndBattery,
              content: (
                <>
                  <div className="row">
                    <SelectField
                      label={t.settings.network}
                      value={draft.networkCost}
                      onChange={(v) => set('networkCost', v)}
                      options={[
                        ['auto', t.settings.networkAuto],
                        ['unrestricted', t.settings.networkUnrestricted],
                        ['metered', t.settings.networkMetered],
                        ['approaching-limit', t.settings.networkApproaching],
                        ['roaming', t.settings.networkRoaming],
                        ['over-limit', t.settings.networkOver],
                      ]}
                    />
                    <label>
                      {t.settings.battery}
                      <input type="number" min={0} max={100} value={draft.batteryThreshold} onChange={(e) => set('batteryThreshold', Number(e.target.value))} />
                    </label>
                    <SelectField
                      label={t.settings.ftpTls}
                      value={draft.ftpTls}
                      onChange={(v) => set('ftpTls', v)}
                      options={[['auto', t.settings.ftpTlsAuto], ['require', t.settings.ftpTlsRequire], ['off', t.settings.ftpTlsOff]]}
                    />
                  </div>
                  <ProxySettings value={draft} onChange={(key, text) => set(key, text)} />
                </>
              ),
            },
            {
              id: 'categories',
              label: t.settings.categories,
              content: <CategoriesEditor categories={draft.categories} onChange={(categories) => set('categories', categories)} />,
            },
            {
              id: 'browsers',
              label: t.browsers.section,
              content: <BrowserSettings />,
            },
            {
              id: 'appearance',
              label: t.settings.appearance,
              content: (
                <div className="row">
                  <SelectField label={t.settings.theme} value={draft.theme} onChange={(v) => set('theme', v)} options={[['system', t.settings.themeSystem], ['light', t.settings.themeLight], ['dark', t.settings.themeDark]]} />
                  <SelectField label={t.settings.rows} value={draft.density} onChange={(v) => set('density', v)} options={[['comfortable', t.settings.rowsComfortable], ['compact', t.settings.rowsCompact]]} />
                  <SelectField
                    label={t.settings.language}
                    value={draft.language}
                    onChange={(v) => set('language', v)}
                    options={[['system', t.settings.languageSystem], ['en', LANGUAGE_NAMES.en], ['de', LANGUAGE_NAMES.de]]}
                  />
                </div>
              ),
            },
            {
              id: 'advanced',
              label: t.settings.advanced,
              content: (
                <>
                  <div className="row">
                    {seconds('connectTimeoutMs', t.settings.connectTimeout)}
                    {seconds('responseTimeoutMs', t.settings.responseTimeout)}
                    {seconds('stallTimeoutMs', t.settings.stallTimeout)}
                  </div>
                  <Aria2RpcSettings value={draft} onChange={set} />
                </>
              ),
            },
          ]}
        />
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
