import { memo, useEffect, useState } from 'react';
import { FINAL_STATES, isHeld, type TransferSnapshot } from '../../../shared/model.ts';
import { userActionAllowed } from '../../../shared/user-actions.ts';
import { useFerry } from '../state/context.tsx';
import { displayName, doneOfTotal, formatEta, formatSpeed, percent, statusWords } from '../format.ts';
import { t } from '../i18n/catalog.ts';
import { count, timeOfDay } from '../i18n/format.ts';
import type { TransferAction } from '../state/store.ts';
import { errorSentence, retryWords } from '../error-words.ts';

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);


function actionsFor(tr: TransferSnapshot, canOpenFiles: boolean): Array<{ action: TransferAction; label: string }> {
  const actions: Array<{ action: TransferAction; label: string }> = [];
  if (userActionAllowed('pause', tr.state)) actions.push({ action: 'pause', label: t.actions.pause });
  if (tr.state === 'paused') actions.push({ action: 'resume', label: t.actions.resume });
  if (tr.state === 'failed' || tr.state === 'canceled') actions.push({ action: 'retry', label: t.actions.retry });
  // Held for the network's cost or the battery: the user may let it through (asked first).
  if (tr.state === 'pausedCostedNetwork' || tr.state === 'pausedBattery') actions.push({ action: 'anyway', label: tr.kind === 'upload' ? t.actions.uploadAnyway : t.actions.downloadAnyway });
  // A failed transfer is not cancelled any more: it is retried or removed.
  if (userActionAllowed('cancel', tr.state) && tr.state !== 'failed') actions.push({ action: 'cancel', label: t.actions.cancel });
  if (tr.state === 'completed' && canOpenFiles && tr.kind === 'download') {
    actions.push({ action: 'open', label: t.actions.open }, { action: 'reveal', label: t.actions.reveal });
  }
  if (FINAL_STATES.includes(tr.state)) actions.push({ action: 'remove', label: t.actions.remove });
  // Ferry deletes only files it wrote: a download's, never an upload's source.
  if (tr.state === 'completed' && tr.kind === 'download') actions.push({ action: 'deleteFile', label: t.actions.deleteFile });
  return actions;
}

/** "Retrying in 4 s (ConnectionReset)": ticks each second while a retry is pending (and the link is live). */
function useRetryText(tr: TransferSnapshot | undefined, live: boolean): string | null {
  const [now, setNow] = useState(() => Date.now());
  const retryAt = live && tr?.state === 'retrying' && tr.retryAt ? Date.parse(tr.retryAt) : null;
  useEffect(() => {
    if (retryAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [retryAt]);
  if (retryAt === null || !tr) return null;
  const seconds = Math.max(0, Math.ceil((retryAt - now) / 1000));
  const reason = tr.retries.at(-1)?.status;
  return t.row.retryingIn(seconds, reason ? retryWords(reason) : null);
}

/** A click on the row itself (not on a button, link or box) selects it, as in a file manager. */
function selectsRow(event: React.MouseEvent): boolean {
  return !(event.target as HTMLElement).closest('button, a, input, select, textarea');
}

export const TransferRow = memo(function TransferRow({ id, onDetails }: { id: string; onDetails: (id: string) => void }) {
  const tr = useFerry((s) => s.transfers[id]);
  const host = useFerry((s) => s.host);
  const act = useFerry((s) => s.act);
  const selected = useFerry((s) => s.selected.includes(id));
  const select = useFerry((s) => s.select);
  const lostAt = useFerry((s) => s.linkLostAt);
  const retryText = useRetryText(tr, lostAt === null);
  if (!tr) return null;
  const name = displayName(tr);
  const pct = percent(tr);
  const size = doneOfTotal(tr.bytesTransferred, tr.totalBytes);
  const fileLink = tr.state === 'completed' && tr.kind === 'download' && host?.fileLinks && !lostAt;
  // Without the link, a transfer that was moving may have moved on: say when its values are from.
  const asOf = lostAt && !FINAL_STATES.includes(tr.state) ? t.totals.asOf(timeOfDay(lostAt)) : null;
  const moving = tr.state === 'running' && !lostAt;
  return (
    <li
      className={`transfer state-${tr.state}${selected ? ' selected' : ''}`}
      aria-label={t.row.label(name, asOf ? `${statusWords(tr)} ${asOf}` : statusWords(tr))}
      aria-selected={selected}
      onClick={(event) => {
        if (selectsRow(event)) select(id, event.shiftKey ? 'range' : event.ctrlKey || event.metaKey ? 'toggle' : 'only');
      }}
    >
      <div className="transfer-main">
        <input type="checkbox" className="select-box" checked={selected} aria-label={t.row.select(name)} onChange={() => select(id, 'toggle')} />
        <span className="direction" aria-hidden="true" title={tr.kind === 'upload' ? t.row.upload : t.row.download}>
          {tr.kind === 'upload' ? '↑' : '↓'}
        </span>
        <div className="transfer-text">
          <div className="transfer-name" title={tr.path ?? tr.url}>
            {fileLink ? (
              <a
                href={`#download-${tr.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  void act(tr.id, 'download');
                }}
              >
                {name}
              </a>
            ) : (
              name
            )}
          </div>
          <div className="transfer-meta">
            <span className="status">{retryText ?? statusWords(tr)}</span>
            {asOf && <span className="as-of">{asOf}</span>}
            {isHeld(tr.state) && tr.history.at(-1) && <span className="hold-reason">{capitalized(tr.history.at(-1)!.reason)}</span>}
            <span>{size}</span>
            {pct !== null && tr.state !== 'completed' && <span>{`${count(pct)}%`}</span>}
            {moving && <span>{formatSpeed(tr.speed)}</span>}
            {moving && <span>{formatEta(tr.eta)}</span>}
            {/* A failed one says its code in its sentence; the answer itself is in the details. */}
            {tr.response && tr.state !== 'failed' && <span title={tr.response.body.slice(0, 500)}>{t.row.answered(tr.response.status)}</span>}
            {tr.retries.length > 0 && tr.state !== 'completed' && <span>{t.row.retries(tr.retries.length)}</span>}
          </div>
          {tr.error && tr.state === 'failed' && (
            <div className="transfer-error" role="status" title={t.row.errorCode(tr.error.status, tr.error.httpStatus)}>
              {errorSentence(tr.error, tr.url, tr.kind)}
            </div>
          )}
        </div>
        <div className="transfer-actions">
          {/* Keyed by place, not action: when Pause becomes Resume the same button keeps the focus. */}
          {actionsFor(tr, host?.canOpenFiles ?? false).map(({ action, label }, slot) => (
            <button key={slot} type="button" disabled={lostAt !== null} onClick={() => void act(tr.id, action)} aria-label={t.row.actionOn(label, name)} title={t.row.actionOn(label, name)}>
              {label}
            </button>
          ))}
          <button type="button" className="quiet" onClick={() => onDetails(tr.id)} aria-label={t.row.detailsOf(name)} title={t.row.detailsOf(name)}>
            {t.row.details}
          </button>
        </div>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={t.row.progress(name)}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(pct === null ? {} : { 'aria-valuenow': pct })}
      >
        <div className={`progress-fill${pct === null && moving ? ' indeterminate' : ''}`} style={{ width: `${pct ?? 0}%` }} />
      </div>
    </li>
  );
});
