import { useEffect, useState } from 'react';
import type { BrowserId, BrowserIntegration } from '../../../shared/browser-extension.ts';
import { useFerry } from '../state/context.tsx';
import { messageOf } from '../state/message-of.ts';
import { t } from '../i18n/catalog.ts';

/**
 * Settings' Browsers: one row per browser the host found for its user, whether Ferry's native host
 * is in (so the extension can hand downloads over), and a button that installs or removes it.
 */
export function BrowserSettings() {
  const browsers = useFerry((s) => s.browsers);
  const [rows, setRows] = useState<BrowserIntegration[] | null>(null);
  const [listProblem, setListProblem] = useState<string | null>(null);
  const [problems, setProblems] = useState<Partial<Record<BrowserId, string>>>({});
  const [busy, setBusy] = useState<BrowserId | null>(null);
  useEffect(() => {
    let current = true;
    // Through a promise: a host that lacks the call (a stand-in bridge) says so in the section.
    Promise.resolve().then(() => browsers.listBrowserIntegrations()).then(
      (found) => current && setRows(found),
      (error: unknown) => current && setListProblem(messageOf(error)),
    );
    return () => {
      current = false;
    };
  }, [browsers]);

  const toggle = async (row: BrowserIntegration) => {
    setBusy(row.browser);
    setProblems((all) => ({ ...all, [row.browser]: undefined }));
    try {
      const next = await browsers.setBrowserIntegration(row.browser, row.state !== 'connected');
      setRows((all) => all?.map((r) => (r.browser === next.browser ? next : r)) ?? null);
    } catch (error) {
      setProblems((all) => ({ ...all, [row.browser]: messageOf(error) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <fieldset className="browsers">
      <legend>{t.browsers.heading}</legend>
      <p className="hint">{t.browsers.intro}</p>
      {listProblem ? (
        <p className="form-error" role="alert">{t.browsers.listFailed(listProblem)}</p>
      ) : rows === null ? (
        <p className="hint" role="status">{t.browsers.looking}</p>
      ) : rows.length === 0 ? (
        <p className="hint" role="status">{t.browsers.noneFound}</p>
      ) : (
        <ul className="browser-list" aria-label={t.browsers.section}>
          {rows.map((row) => {
            const connected = row.state === 'connected';
            const problem = problems[row.browser];
            return (
              <li key={row.browser} className="browser-row" aria-label={row.name}>
                <span className="browser-name">{row.name}</span>
                <span className={`browser-state ${row.state}`} role="status">
                  {t.browsers[row.state]}
                </span>
                <button type="button" disabled={busy !== null} aria-label={connected ? t.browsers.removeFor(row.name) : t.browsers.installFor(row.name)} onClick={() => void toggle(row)}>
                  {connected ? t.browsers.remove : t.browsers.install}
                </button>
                {problem && (
                  <p className="form-error" role="alert">
                    {t.browsers.failed(problem)}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p className="hint">{t.browsers.extension}</p>
    </fieldset>
  );
}
