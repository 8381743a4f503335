// The details pane's first tab: what the transfer is (where from and to, sizes, dates, policy, its
// own limit, headers by name only) and what can be done with it now: retry, open, show in folder.
import type { TransferSnapshot } from '../../../../shared/model.ts';
import { useFerry } from '../../state/context.tsx';
import { doneOfTotal, formatBytes, statusWords } from '../../format.ts';
import { errorSentence } from '../../error-words.ts';
import { t } from '../../i18n/catalog.ts';
import { bytes, dateAndTime } from '../../i18n/format.ts';
import { OwnLimitForm } from '../OwnLimitForm.tsx';
import { GroupDetail } from '../GroupDetail.tsx';
import { canOpenWhileDownloading } from '../../state/open-while-downloading.ts';

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

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="detail">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Retry, Open and Show in folder, each enabled when it applies (the row menu's rules). */
function GeneralActions({ tr }: { tr: TransferSnapshot }) {
  const act = useFerry((s) => s.act);
  const offline = useFerry((s) => s.linkLostAt !== null);
  const canOpenFiles = useFerry((s) => s.host?.canOpenFiles ?? false);
  const fileLinks = useFerry((s) => s.host?.fileLinks ?? false);
  const host = useFerry((s) => s.host);
  const finishedDownload = tr.kind === 'download' && tr.state === 'completed';
  // The desktop opens the file; the browser saves it through a one-time link.
  const open = canOpenFiles ? 'open' : fileLinks ? 'download' : null;
  return (
    <div className="pane-actions">
      <button type="button" disabled={offline || !(tr.state === 'failed' || tr.state === 'canceled')} onClick={() => void act(tr.id, 'retry')}>
        {t.actions.retry}
      </button>
      <button type="button" disabled={offline || !finishedDownload || open === null} onClick={() => void act(tr.id, open ?? 'open')}>
        {t.actions.open}
      </button>
      {canOpenFiles && (
        <button type="button" disabled={offline || !finishedDownload} onClick={() => void act(tr.id, 'reveal')}>
          {t.actions.reveal}
        </button>
      )}
      {canOpenWhileDownloading(tr, host) && (
        <button type="button" disabled={offline} onClick={() => void act(tr.id, 'stream')}>
          {t.actions.openWhileDownloading}
        </button>
      )}
    </div>
  );
}

export function GeneralTab({ tr }: { tr: TransferSnapshot }) {
  const upload = tr.kind === 'upload';
  const failed = tr.error !== null && tr.state === 'failed';
  return (
    <>
      <GeneralActions tr={tr} />
      <dl className="details">
        <Detail label={t.details.state}>{failed ? t.details.failedBecause(statusWords(tr), errorSentence(tr.error!, tr.url, tr.kind)) : statusWords(tr)}</Detail>
        {/* The row says it in a sentence; the engine's own words (status line, URL) are here. */}
        {failed && <Detail label={t.details.technical}>{t.details.errorLine(tr.error!.status, tr.error!.httpStatus, tr.error!.message)}</Detail>}
        <Copyable label={upload ? t.details.uploadTo : t.details.address} value={tr.url} />
        {tr.mirrors.length > 0 && (
          <Detail label={t.details.mirrors}>
            <ul className="mirrors">
              {tr.mirrors.map((mirror) => (
                <li key={mirror}>
                  <code>{mirror}</code>
                  {mirror === tr.mirrorInUse && <> {t.details.mirrorInUse}</>}
                </li>
              ))}
            </ul>
          </Detail>
        )}
        {tr.path && <Copyable label={upload ? t.details.file : t.details.savedTo} value={tr.path} />}
        {tr.upload && tr.upload.files.length > 1 && (
          <Detail label={t.details.files}>{tr.upload.files.map((f) => t.details.fileWithSize(f.name, formatBytes(f.size))).join(', ')}</Detail>
        )}
        <Detail label={t.details.size}>{tr.totalBytes === null ? t.sizes.soFar(bytes(tr.bytesTransferred)) : doneOfTotal(tr.bytesTransferred, tr.totalBytes)}</Detail>
        {tr.checksum && <Detail label={t.details.checksum}>{t.details.checksumText(tr.checksum.algorithm, tr.checksum.source === 'given', tr.checksum.verified)}</Detail>}
        <Detail label={t.details.added}>{dateAndTime(tr.createdAt)}</Detail>
        <Detail label={t.details.finished}>{tr.completedAt ? dateAndTime(tr.completedAt) : t.sizes.unknown}</Detail>
        {tr.group && <GroupDetail name={tr.group} />}
        <Detail label={t.details.policy}>{t.details.policyText(tr.priority === 'high', tr.costPolicy, tr.upload ?? null)}</Detail>
        <Detail label={t.limits.ownLimit}>
          <OwnLimitForm id={tr.id} />
        </Detail>
        {/* Values are never shown: some are secrets, kept apart (encrypted or 0600). */}
        <Detail label={t.details.headers}>
          {tr.headerNames.length ? tr.headerNames.map((h) => t.details.headerSet(h)).join(', ') : t.details.noHeaders}
          {tr.hasCredentials ? t.details.credentialSet : ''}
        </Detail>
      </dl>
    </>
  );
}
