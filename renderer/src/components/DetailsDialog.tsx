import { useFerry } from '../state/context.tsx';
import { displayName, formatBytes, statusWords } from '../format.ts';
import { errorSentence } from '../error-words.ts';
import { Dialog, DialogButtons } from './Dialog.tsx';

function formatTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

function Copyable({ label, value }: { label: string; value: string }) {
  return (
    <div className="detail">
      <dt>{label}</dt>
      <dd>
        <code>{value}</code>{' '}
        <button type="button" className="quiet" aria-label={`Copy ${label.toLowerCase()}`} onClick={() => void navigator.clipboard?.writeText(value).catch(() => undefined)}>
          Copy
        </button>
      </dd>
    </div>
  );
}

/** Everything about one transfer: where from and to, sizes, dates, headers (names only), its history and retries, an upload's answer. */
export function DetailsDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useFerry((s) => s.transfers[id]);
  if (!t) return null;
  const name = displayName(t);
  return (
    <Dialog title={`Details: ${name}`} onClose={onClose}>
      <dl className="details">
        <div className="detail">
          <dt>State</dt>
          <dd>{`${statusWords(t)}${t.error && t.state === 'failed' ? ` — ${errorSentence(t.error, t.url, t.kind)} (${t.error.status}${t.error.httpStatus ? `, HTTP ${t.error.httpStatus}` : ''})` : ''}`}</dd>
        </div>
        <Copyable label={t.kind === 'upload' ? 'Upload to' : 'Address'} value={t.url} />
        {t.path && <Copyable label={t.kind === 'upload' ? 'File' : 'Saved to'} value={t.path} />}
        {t.upload && t.upload.files.length > 1 && (
          <div className="detail">
            <dt>Files</dt>
            <dd>{t.upload.files.map((f) => `${f.name} (${formatBytes(f.size)})`).join(', ')}</dd>
          </div>
        )}
        <div className="detail">
          <dt>Size</dt>
          <dd>{t.totalBytes === null ? `${formatBytes(t.bytesTransferred)} so far (total unknown)` : `${formatBytes(t.bytesTransferred)} of ${formatBytes(t.totalBytes)}`}</dd>
        </div>
        <div className="detail">
          <dt>Added</dt>
          <dd>{formatTime(t.createdAt)}</dd>
        </div>
        <div className="detail">
          <dt>Finished</dt>
          <dd>{formatTime(t.completedAt)}</dd>
        </div>
        <div className="detail">
          <dt>Policy</dt>
          <dd>{`${t.priority === 'high' ? 'High' : 'Normal'} priority; on metered networks: ${t.costPolicy === 'always' ? 'always' : t.costPolicy === 'unrestrictedOnly' ? 'only on unmetered networks' : 'default'}${t.upload ? `; ${t.upload.method} as ${t.upload.protocol}` : ''}`}</dd>
        </div>
        <div className="detail">
          <dt>Headers</dt>
          {/* Values are never shown: some are secrets, kept apart (encrypted or 0600). */}
          <dd>{t.headerNames.length ? t.headerNames.map((h) => `${h}: (set)`).join(', ') : 'none'}{t.hasCredentials ? '; a user name and password are set' : ''}</dd>
        </div>
        {t.response && (
          <div className="detail">
            <dt>Server answered</dt>
            <dd>
              {`HTTP ${t.response.status}${t.response.contentType ? ` (${t.response.contentType})` : ''}`}
              {t.response.body && <pre className="response">{`${t.response.body.slice(0, 2000)}${t.response.truncated || t.response.body.length > 2000 ? '\n…' : ''}`}</pre>}
            </dd>
          </div>
        )}
      </dl>
      <h3>History</h3>
      <ol className="history" aria-label="History">
        {t.history.length === 0 && <li>Nothing yet.</li>}
        {[...t.history].reverse().map((h, index) => (
          <li key={`${h.at}-${index}`}>
            <time dateTime={h.at}>{new Date(h.at).toLocaleTimeString()}</time> {`${statusWords({ state: h.to, kind: t.kind })}: ${h.reason}`}
          </li>
        ))}
      </ol>
      {t.retries.length > 0 && (
        <>
          <h3>Retries</h3>
          <ol className="history" aria-label="Retries">
            {[...t.retries].reverse().map((r, index) => (
              <li key={`${r.at}-${index}`}>
                <time dateTime={r.at}>{new Date(r.at).toLocaleTimeString()}</time> {`${r.status}${r.httpStatus ? ` (HTTP ${r.httpStatus})` : ''}: ${r.message}`}
              </li>
            ))}
          </ol>
        </>
      )}
      <DialogButtons onClose={onClose} />
    </Dialog>
  );
}
