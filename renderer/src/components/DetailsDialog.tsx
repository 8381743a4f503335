import { useFerry } from '../state/context.tsx';
import { displayName, doneOfTotal, formatBytes, statusWords } from '../format.ts';
import { errorSentence } from '../error-words.ts';
import { t } from '../i18n/catalog.ts';
import { bytes, dateAndTime, timeOfDay } from '../i18n/format.ts';
import { Dialog, DialogButtons } from './Dialog.tsx';
import { OwnLimitForm } from './OwnLimitForm.tsx';
import { SegmentsDetail } from './SegmentsDetail.tsx';
import { canOpenWhileDownloading } from '../state/open-while-downloading.ts';
import { GroupDetail } from './GroupDetail.tsx';

function Copyable({ label, value }: { label: string; value: string }) {
  return (
    <div className="detail">
      <dt>{label}</dt>
      <dd>
        <code>{value}</code>{' '}
        <button type="button" className="quiet" aria-label={t.details.copyWhat(label)} onClick={() => void navigator.clipboard?.writeText(value).catch(() => undefined)}>
          {t.details.copy}
        </button>
      </dd>
    </div>
  );
}

/** Everything about one transfer: where from and to, sizes, dates, headers (names only), its history and retries, an upload's answer. */
export function DetailsDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const tr = useFerry((s) => s.transfers[id]);
  const fileLinks = useFerry((s) => s.host?.fileLinks ?? false);
  const act = useFerry((s) => s.act);
  const offline = useFerry((s) => s.linkLostAt !== null);
  if (!tr) return null;
  const name = displayName(tr);
  const upload = tr.kind === 'upload';
  return (
    <Dialog title={t.details.title(name)} onClose={onClose}>
      <dl className="details">
        <div className="detail">
          <dt>{t.details.state}</dt>
          <dd>{tr.error && tr.state === 'failed' ? t.details.failedBecause(statusWords(tr), errorSentence(tr.error, tr.url, tr.kind)) : statusWords(tr)}</dd>
        </div>
        {/* The row says it in a sentence; the engine's own words (status line, URL) are here. */}
        {tr.error && tr.state === 'failed' && (
          <div className="detail">
            <dt>{t.details.technical}</dt>
            <dd>{t.details.errorLine(tr.error.status, tr.error.httpStatus, tr.error.message)}</dd>
          </div>
        )}
        <Copyable label={upload ? t.details.uploadTo : t.details.address} value={tr.url} />
        {tr.path && <Copyable label={upload ? t.details.file : t.details.savedTo} value={tr.path} />}
        {canOpenWhileDownloading(tr, fileLinks) && (
          <div className="detail">
            <dt>{t.details.play}</dt>
            <dd>
              <button type="button" disabled={offline} onClick={() => void act(tr.id, 'stream')}>
                {t.actions.openWhileDownloading}
              </button>
            </dd>
          </div>
        )}
        {tr.upload && tr.upload.files.length > 1 && (
          <div className="detail">
            <dt>{t.details.files}</dt>
            <dd>{tr.upload.files.map((f) => t.details.fileWithSize(f.name, formatBytes(f.size))).join(', ')}</dd>
          </div>
        )}
        <div className="detail">
          <dt>{t.details.size}</dt>
          <dd>{tr.totalBytes === null ? t.sizes.soFar(bytes(tr.bytesTransferred)) : doneOfTotal(tr.bytesTransferred, tr.totalBytes)}</dd>
        </div>
        {tr.checksum && (
          <div className="detail">
            <dt>{t.details.checksum}</dt>
            <dd>{t.details.checksumText(tr.checksum.algorithm, tr.checksum.source === 'given', tr.checksum.verified)}</dd>
          </div>
        )}
        {tr.segments && tr.totalBytes !== null && <SegmentsDetail segments={tr.segments} total={tr.totalBytes} live={tr.state === 'running'} />}
        <div className="detail">
          <dt>{t.details.added}</dt>
          <dd>{dateAndTime(tr.createdAt)}</dd>
        </div>
        <div className="detail">
          <dt>{t.details.finished}</dt>
          <dd>{tr.completedAt ? dateAndTime(tr.completedAt) : t.sizes.unknown}</dd>
        </div>
        {tr.group && <GroupDetail name={tr.group} />}
        <div className="detail">
          <dt>{t.details.policy}</dt>
          <dd>{t.details.policyText(tr.priority === 'high', tr.costPolicy, tr.upload ?? null)}</dd>
        </div>
        <div className="detail">
          <dt>{t.limits.ownLimit}</dt>
          <dd>
            <OwnLimitForm id={tr.id} />
          </dd>
        </div>
        <div className="detail">
          <dt>{t.details.headers}</dt>
          {/* Values are never shown: some are secrets, kept apart (encrypted or 0600). */}
          <dd>
            {tr.headerNames.length ? tr.headerNames.map((h) => t.details.headerSet(h)).join(', ') : t.details.noHeaders}
            {tr.hasCredentials ? t.details.credentialSet : ''}
          </dd>
        </div>
        {tr.response && (
          <div className="detail">
            <dt>{t.details.answered}</dt>
            <dd>
              {t.details.answer(tr.response.status, tr.response.contentType)}
              {tr.response.body && <pre className="response">{`${tr.response.body.slice(0, 2000)}${tr.response.truncated || tr.response.body.length > 2000 ? '\n…' : ''}`}</pre>}
            </dd>
          </div>
        )}
      </dl>
      <h3>{t.details.history}</h3>
      <ol className="history" aria-label={t.details.history}>
        {tr.history.length === 0 && <li>{t.details.nothingYet}</li>}
        {[...tr.history].reverse().map((h, index) => (
          <li key={`${h.at}-${index}`}>
            <time dateTime={h.at}>{timeOfDay(h.at)}</time> {t.details.historyEntry(statusWords({ state: h.to, kind: tr.kind }), h.reason)}
          </li>
        ))}
      </ol>
      {tr.retries.length > 0 && (
        <>
          <h3>{t.details.retries}</h3>
          <ol className="history" aria-label={t.details.retries}>
            {[...tr.retries].reverse().map((r, index) => (
              <li key={`${r.at}-${index}`}>
                <time dateTime={r.at}>{timeOfDay(r.at)}</time> {t.details.errorLine(r.status, r.httpStatus, r.message)}
              </li>
            ))}
          </ol>
        </>
      )}
      <DialogButtons onClose={onClose} />
    </Dialog>
  );
}
