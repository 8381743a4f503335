import { memo, useEffect, useState } from 'react';
import { FINAL_STATES, isHeld, type TransferSnapshot } from '../../../shared/model.ts';
import { userActionAllowed } from '../../../shared/user-actions.ts';
import { useFerry } from '../state/context.tsx';
import { displayName, formatBytes, formatEta, formatSpeed, percent, statusWords } from '../format.ts';
import type { TransferAction } from '../state/store.ts';
import { errorSentence, retryWords } from '../error-words.ts';

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);


function actionsFor(t: TransferSnapshot, canOpenFiles: boolean): Array<{ action: TransferAction; label: string }> {
  const actions: Array<{ action: TransferAction; label: string }> = [];
  if (userActionAllowed('pause', t.state)) actions.push({ action: 'pause', label: 'Pause' });
  if (t.state === 'paused') actions.push({ action: 'resume', label: 'Resume' });
  if (t.state === 'failed' || t.state === 'canceled') actions.push({ action: 'retry', label: 'Retry' });
  // Held for the network's cost or the battery: the user may let it through (asked first).
  if (t.state === 'pausedCostedNetwork' || t.state === 'pausedBattery') actions.push({ action: 'anyway', label: t.kind === 'upload' ? 'Upload anyway' : 'Download anyway' });
  // A failed transfer is not cancelled any more: it is retried or removed.
  if (userActionAllowed('cancel', t.state) && t.state !== 'failed') actions.push({ action: 'cancel', label: 'Cancel' });
  if (t.state === 'completed' && canOpenFiles && t.kind === 'download') {
    actions.push({ action: 'open', label: 'Open' }, { action: 'reveal', label: 'Show in folder' });
  }
  if (FINAL_STATES.includes(t.state)) actions.push({ action: 'remove', label: 'Remove' });
  // Ferry deletes only files it wrote: a download's, never an upload's source.
  if (t.state === 'completed' && t.kind === 'download') actions.push({ action: 'deleteFile', label: 'Delete file' });
  return actions;
}

/** "Retrying in 4 s (ConnectionReset)": ticks each second while a retry is pending. */
function useRetryText(t: TransferSnapshot | undefined): string | null {
  const [now, setNow] = useState(() => Date.now());
  const retryAt = t?.state === 'retrying' && t.retryAt ? Date.parse(t.retryAt) : null;
  useEffect(() => {
    if (retryAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [retryAt]);
  if (retryAt === null || !t) return null;
  const seconds = Math.max(0, Math.ceil((retryAt - now) / 1000));
  const reason = t.retries.at(-1)?.status;
  return `Retrying in ${seconds} s${reason ? ` (${retryWords(reason)})` : ''}`;
}

/** A click on the row itself (not on a button, link or box) selects it, as in a file manager. */
function selectsRow(event: React.MouseEvent): boolean {
  return !(event.target as HTMLElement).closest('button, a, input, select, textarea');
}

export const TransferRow = memo(function TransferRow({ id, onDetails }: { id: string; onDetails: (id: string) => void }) {
  const t = useFerry((s) => s.transfers[id]);
  const host = useFerry((s) => s.host);
  const act = useFerry((s) => s.act);
  const selected = useFerry((s) => s.selected.includes(id));
  const select = useFerry((s) => s.select);
  const retryText = useRetryText(t);
  if (!t) return null;
  const name = displayName(t);
  const pct = percent(t);
  const size = t.totalBytes === null ? formatBytes(t.bytesTransferred) : `${formatBytes(t.bytesTransferred)} of ${formatBytes(t.totalBytes)}`;
  const fileLink = t.state === 'completed' && t.kind === 'download' && host?.fileLinks;
  return (
    <li
      className={`transfer state-${t.state}${selected ? ' selected' : ''}`}
      aria-label={`${name}, ${statusWords(t)}`}
      aria-selected={selected}
      onClick={(event) => {
        if (selectsRow(event)) select(id, event.shiftKey ? 'range' : event.ctrlKey || event.metaKey ? 'toggle' : 'only');
      }}
    >
      <div className="transfer-main">
        <input type="checkbox" className="select-box" checked={selected} aria-label={`Select ${name}`} onChange={() => select(id, 'toggle')} />
        <span className="direction" aria-hidden="true" title={t.kind === 'upload' ? 'Upload' : 'Download'}>
          {t.kind === 'upload' ? '↑' : '↓'}
        </span>
        <div className="transfer-text">
          <div className="transfer-name" title={t.path ?? t.url}>
            {fileLink ? (
              <a
                href={`#download-${t.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  void act(t.id, 'download');
                }}
              >
                {name}
              </a>
            ) : (
              name
            )}
          </div>
          <div className="transfer-meta">
            <span className="status">{retryText ?? statusWords(t)}</span>
            {isHeld(t.state) && t.history.at(-1) && <span className="hold-reason">{capitalized(t.history.at(-1)!.reason)}</span>}
            <span>{size}</span>
            {pct !== null && t.state !== 'completed' && <span>{`${pct}%`}</span>}
            {t.state === 'running' && <span>{formatSpeed(t.speed)}</span>}
            {t.state === 'running' && <span>{formatEta(t.eta)}</span>}
            {t.response && <span title={t.response.body.slice(0, 500)}>{`The server answered HTTP ${t.response.status}`}</span>}
            {t.retries.length > 0 && t.state !== 'completed' && <span>{`${t.retries.length} retr${t.retries.length === 1 ? 'y' : 'ies'}`}</span>}
          </div>
          {t.error && t.state === 'failed' && (
            <div className="transfer-error" role="status" title={`${t.error.status}${t.error.httpStatus ? ` (HTTP ${t.error.httpStatus})` : ''}`}>
              {errorSentence(t.error, t.url, t.kind)} <span className="transfer-error-detail">{capitalized(t.error.message)}</span>
            </div>
          )}
        </div>
        <div className="transfer-actions">
          {/* Keyed by place, not action: when Pause becomes Resume the same button keeps the focus. */}
          {actionsFor(t, host?.canOpenFiles ?? false).map(({ action, label }, slot) => (
            <button key={slot} type="button" onClick={() => void act(t.id, action)} aria-label={`${label} ${name}`} title={`${label} ${name}`}>
              {label}
            </button>
          ))}
          <button type="button" className="quiet" onClick={() => onDetails(t.id)} aria-label={`Details of ${name}`} title={`Details of ${name}`}>
            Details
          </button>
        </div>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={`${name} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(pct === null ? {} : { 'aria-valuenow': pct })}
      >
        <div className={`progress-fill${pct === null && t.state === 'running' ? ' indeterminate' : ''}`} style={{ width: `${pct ?? 0}%` }} />
      </div>
    </li>
  );
});
