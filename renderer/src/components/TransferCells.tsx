// One cell of a transfer's row per column: what each column says about a transfer, on one line
// (the full text in its tooltip when it does not fit).
import { FINAL_STATES, isHeld, type TransferSnapshot } from '../../../shared/model.ts';
import { awaitingAnswer, displayName, doneOfTotal, formatEta, formatSpeed, percent, statusWords } from '../format.ts';
import { errorSentence } from '../error-words.ts';
import { t } from '../i18n/catalog.ts';
import { bytes, count, dateAndTime, shortDateAndTime, timeOfDay } from '../i18n/format.ts';
import type { Column } from '../state/columns.ts';
import { connectionsOf, folderOf } from '../state/view.ts';
import { FileIcon } from './FileIcon.tsx';
import { PartsBar } from './PartsBar.tsx';

export interface CellContext {
  tr: TransferSnapshot;
  /** When the link to the host was lost, or null while live. */
  lostAt: string | null;
  /** The browser twin: a finished download's name is a link to the file. */
  fileLinks: boolean;
  retryText: string | null;
  /** A queued transfer's place in the queue (1: next), and whether every slot is taken. */
  queue: { place: number; slotsFull: boolean } | null;
  onDownload: () => void;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const text = (value: string) => <span className="cell-text" title={value}>{value}</span>;
/** Short in the cell, the whole date in its tooltip. */
const date = (iso: string) => <span className="cell-text" title={dateAndTime(iso)}>{shortDateAndTime(iso)}</span>;

function NameCell({ tr, lostAt, fileLinks, onDownload }: CellContext) {
  const name = displayName(tr);
  const linked = fileLinks && tr.state === 'completed' && tr.kind === 'download' && !lostAt;
  return (
    <>
      <FileIcon name={name} upload={tr.kind === 'upload'} />
      <span className="cell-text transfer-name" title={tr.path ?? tr.url}>
        {linked ? (
          <a
            href={`#download-${tr.id}`}
            tabIndex={-1}
            onClick={(event) => {
              event.preventDefault();
              onDownload();
            }}
          >
            {name}
          </a>
        ) : (
          name
        )}
      </span>
    </>
  );
}

function ProgressCell({ tr, lostAt }: CellContext) {
  const pct = percent(tr);
  const name = displayName(tr);
  return (
    <>
      <div
        className="progress"
        role="progressbar"
        title={doneOfTotal(tr.bytesTransferred, tr.totalBytes)}
        aria-label={t.row.progress(name)}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(pct === null ? {} : { 'aria-valuenow': pct })}
      >
        {tr.segments && tr.totalBytes && tr.state !== 'completed' ? (
          // Several connections: the parts on disk at their places (see PartsBar).
          <PartsBar done={tr.segments.done} total={tr.totalBytes} className="progress-part" />
        ) : (
          <div className={`progress-fill${pct === null && tr.state === 'running' && !lostAt ? ' indeterminate' : ''}`} style={{ transform: `scaleX(${(pct ?? 0) / 100})` }} />
        )}
      </div>
      <span className="percent">{pct === null ? t.sizes.unknown : `${count(pct)}%`}</span>
    </>
  );
}

function StatusCell({ tr, lostAt, retryText, queue }: CellContext) {
  // Without the link, a transfer that was moving may have moved on: say when its values are from.
  const asOf = lostAt && !FINAL_STATES.includes(tr.state) ? t.totals.asOf(timeOfDay(lostAt)) : null;
  const held = isHeld(tr.state) ? tr.history.at(-1) : undefined;
  // "Scheduled for 01:00" says it all: its state's word would only repeat the first one.
  const scheduled = tr.state === 'scheduled' && held ? capitalized(held.reason) : null;
  const details = [
    tr.response && tr.state !== 'failed' ? t.row.answered(tr.response.status) : null,
    tr.retries.length > 0 && tr.state !== 'completed' ? t.row.retries(tr.retries.length) : null,
  ].filter((part) => part !== null);
  return (
    <span className="cell-text status-text">
      <span className="status" title={scheduled ?? undefined}>{retryText ?? scheduled ?? statusWords(tr)}</span>
      {asOf && <span className="as-of">{asOf}</span>}
      {queue && !asOf && (
        <span className="hold-reason" title={t.row.queuePlace(queue.place, queue.slotsFull)}>
          {t.row.queuePlace(queue.place, queue.slotsFull)}
        </span>
      )}
      {held && !scheduled && <span className="hold-reason" title={capitalized(held.reason)}>{capitalized(held.reason)}</span>}
      {/* A failed one says its code in its sentence; the answer itself is in the details. */}
      {tr.error && tr.state === 'failed' && (
        <span className="transfer-error" title={t.row.errorCode(tr.error.status, tr.error.httpStatus)}>
          {errorSentence(tr.error, tr.url, tr.kind)}
        </span>
      )}
      {details.map((part) => (
        <span key={part} className="muted" title={tr.response?.body.slice(0, 500)}>
          {part}
        </span>
      ))}
    </span>
  );
}

export function Cell({ column, context }: { column: Column; context: CellContext }) {
  const { tr, lostAt } = context;
  // Waiting for the server's answer is not moving: no speed or time left to flicker.
  const moving = tr.state === 'running' && !lostAt && !awaitingAnswer(tr);
  switch (column) {
    case 'name':
      return <NameCell {...context} />;
    case 'size':
      // The total once known; before, what has arrived (nothing yet: unknown, not "0 B").
      return text(bytes(tr.totalBytes ?? (tr.bytesTransferred > 0 ? tr.bytesTransferred : null)));
    case 'progress':
      return <ProgressCell {...context} />;
    case 'speed':
      return text(moving ? formatSpeed(tr.speed) : '');
    case 'eta':
      return text(moving ? formatEta(tr.eta, t.duration) : '');
    case 'status':
      return <StatusCell {...context} />;
    case 'added':
      return date(tr.createdAt);
    case 'finished':
      return tr.completedAt ? date(tr.completedAt) : null;
    case 'address':
      return text(tr.url);
    case 'folder':
      return text(folderOf(tr));
    case 'connections': {
      const connections = lostAt ? null : connectionsOf(tr);
      return text(connections === null ? '' : count(connections));
    }
    case 'priority':
      return text(tr.priority === 'high' ? t.columns.priorityHigh : t.columns.priorityNormal);
  }
}
