import { useEffect, useState, type FormEvent } from 'react';
import { Dialog, DialogButtons } from './Dialog.tsx';
import { HeadersAndCredentials } from './HeadersAndCredentials.tsx';
import { SelectField } from './SelectField.tsx';
import { RateField } from './RateField.tsx';
import { StartAtField } from './StartAtField.tsx';
import { formatBytes } from '../format.ts';
import { useFerry } from '../state/context.tsx';
import type { UploadForm, UploadSource } from '../state/store.ts';
import { discardStaged, stageFile } from '../bridge/staging.ts';
import { t } from '../i18n/catalog.ts';

type Sending = { sent: number; state: 'sending' | 'ready' | 'failed'; staged?: string; message?: string };

/**
 * Opened by the Upload button (a file picker) or by dropping files. The desktop app uploads each
 * file from where it is; in the browser the files stream to the daemon at once (it uploads its
 * staged copy), and closing the form without uploading discards those copies.
 */
export function UploadDialog({ files, onClose }: { files: File[]; onClose: () => void }) {
  const addUploads = useFerry((s) => s.addUploads);
  const filePath = useFerry((s) => s.filePath);
  const viaDaemon = useFerry((s) => s.host?.kind === 'daemon');
  const [form, setForm] = useState<UploadForm>({ url: '', protocol: 'raw', method: '' });
  const [sending, setSending] = useState<Record<string, Sending>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [used, setUsed] = useState(false);
  const field = <K extends keyof UploadForm>(key: K) => (value: UploadForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setError(null);
  };

  useEffect(() => {
    if (!viaDaemon) return;
    const jobs = files.map((file, index) => {
      const key = `${index}`;
      const job = stageFile(file, (sent) => setSending((s) => ({ ...s, [key]: { sent, state: 'sending' } })));
      job.done.then(
        (result) => setSending((s) => ({ ...s, [key]: { sent: result.size, state: 'ready', staged: result.id } })),
        (failure: Error) => setSending((s) => ({ ...s, [key]: { sent: 0, state: 'failed', message: failure.message } })),
      );
      return job;
    });
    return () => jobs.forEach((job) => job.abort());
  }, [files, viaDaemon]);

  // Closed without uploading: the daemon's copies go (an upload that took them owns them).
  const close = () => {
    if (viaDaemon && !used) for (const s of Object.values(sending)) if (s.staged) discardStaged(s.staged);
    onClose();
  };

  const sources = (): UploadSource[] | string => {
    const list: UploadSource[] = [];
    for (const [index, file] of files.entries()) {
      if (viaDaemon) {
        const s = sending[`${index}`];
        if (s?.state === 'failed') return t.upload.stagingFailed(file.name, s.message);
        if (!s?.staged) return t.upload.stillStaging(file.name);
        list.push({ name: file.name, staged: s.staged });
      } else {
        const path = filePath(file);
        if (!path) return t.upload.noPath(file.name);
        list.push({ name: file.name, path });
      }
    }
    return list;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const list = sources();
    if (typeof list === 'string') return setError(list);
    setBusy(true);
    const outcome = await addUploads(form, list);
    setBusy(false);
    if (outcome.ok) {
      setUsed(true);
      onClose();
    } else setError(outcome.error);
  };

  const stillSending = viaDaemon && files.some((_, index) => sending[`${index}`]?.state !== 'ready');
  return (
    <Dialog title={t.upload.title} onClose={close}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ul className="file-list" aria-label={t.upload.files}>
          {files.map((f, index) => {
            const s = sending[`${index}`];
            const status = !viaDaemon || !s ? '' : s.state === 'ready' ? t.upload.ready : s.state === 'failed' ? t.upload.notSent(s.message) : t.upload.sending(Math.floor((100 * s.sent) / Math.max(1, f.size)));
            return (
              <li key={`${f.name}-${index}`} aria-label={t.upload.fileLabel(f.name, status)}>
                {f.name} <span className="muted">{formatBytes(f.size)}</span> {status && <span className="muted">— {status}</span>}
              </li>
            );
          })}
        </ul>
        <label>
          {t.upload.to}
          <input
            name="url"
            value={form.url}
            placeholder={t.upload.toPlaceholder}
            aria-invalid={error !== null}
            aria-describedby={error ? 'upload-error' : undefined}
            onChange={(e) => field('url')(e.target.value)}
          />
        </label>
        <div className="row">
          <SelectField label={t.upload.sendAs} value={form.protocol} onChange={field('protocol')} options={[['raw', t.upload.asRaw], ['multipart', t.upload.asMultipart], ['tus', t.upload.asTus]]} />
          {form.protocol !== 'tus' && (
            <SelectField
              label={t.upload.method}
              value={form.method}
              onChange={field('method')}
              options={[['', form.protocol === 'multipart' ? t.upload.usualPost : t.upload.usualPut], ['PUT', t.upload.put], ['POST', t.upload.post]]}
            />
          )}
          <RateField label={t.limits.ownLimit} value={form.limit ?? ''} onChange={field('limit')} />
          <StartAtField value={form.startAt ?? ''} onChange={field('startAt')} />
        </div>
        {form.protocol === 'multipart' && (
          <label>
            {t.upload.fields}
            <textarea rows={2} value={form.fields ?? ''} placeholder={t.upload.fieldsPlaceholder} onChange={(e) => field('fields')(e.target.value)} />
          </label>
        )}
        <HeadersAndCredentials value={form} onChange={(key, text) => field(key)(text)} />
        {error && (
          <p className="form-error" id="upload-error" role="alert">
            {error}
          </p>
        )}
        <DialogButtons onClose={close} label={t.upload.submit} disabled={busy || stillSending} />
      </form>
    </Dialog>
  );
}
