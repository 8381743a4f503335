import { useEffect, useState, type FormEvent } from 'react';
import { useFerry } from '../state/context.tsx';
import type { AddForm } from '../state/store.ts';
import { Dialog, DialogButtons } from './Dialog.tsx';
import { HeadersAndCredentials } from './HeadersAndCredentials.tsx';
import { SelectField } from './SelectField.tsx';
import { RateField } from './RateField.tsx';
import { StartAtField } from './StartAtField.tsx';
import { FormError } from './FormError.tsx';
import { t } from '../i18n/catalog.ts';
import { FolderField } from './FolderField.tsx';
import { UrlLinesField } from './UrlLinesField.tsx';
import { urlLineProblems } from '../format.ts';
import { useNamedActions } from './use-named-actions.ts';
import type { WhenTheseDone } from '../state/group-edit.ts';

/** "When these are done": opening their folder only where the host can (the desktop app), and the named actions. */
function whenDoneOptions(desktop: boolean, actions: { name: string; description: string | null }[]): Array<readonly [WhenTheseDone, string]> {
  return [
    ['', t.groupEditor.nothing],
    ['notify', t.groupEditor.notifyChoice],
    ...(desktop ? [['open', t.groupEditor.openChoice] as const] : []),
    ...actions.map((action) => [`action:${action.name}`, t.groupEditor.action(action.name, action.description)] as const),
  ];
}

export function AddDownloadDialog({ initialUrls, onClose }: { initialUrls: string; onClose: () => void }) {
  const addDownloads = useFerry((s) => s.addDownloads);
  const defaultDir = useFerry((s) => s.settings?.downloadDir ?? '');
  const desktop = useFerry((s) => s.host?.kind === 'electron');
  const named = useNamedActions();
  const [form, setForm] = useState<AddForm>({ urls: initialUrls, dir: defaultDir, priority: 'default', costPolicy: 'default', connections: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [marking, setMarking] = useState(false);
  // Settings read after the form opened (a slow link): their folder fills the field if nobody has typed in it.
  useEffect(() => {
    if (defaultDir) setForm((f) => (f.dir === '' ? { ...f, dir: defaultDir } : f));
  }, [defaultDir]);
  const field = <K extends keyof AddForm>(key: K) => (value: AddForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Bad lines stay marked from the first Add on, following the text as it is fixed.
    setMarking(true);
    setBusy(true);
    const outcome = await addDownloads(form);
    setBusy(false);
    if (outcome.ok) onClose();
    else setError(outcome.error);
  };

  return (
    <Dialog title={t.add.title} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <UrlLinesField
          label={t.add.url}
          value={form.urls}
          placeholder={t.add.urlPlaceholder}
          badLines={marking ? urlLineProblems(form.urls).map((p) => p.n).filter((n) => n > 0) : []}
          errorId={error ? 'add-error' : undefined}
          onChange={(text) => {
            field('urls')(text);
            setError(null);
          }}
        />
        <div className="row">
          <FolderField label={t.add.folder} value={form.dir ?? ''} onChange={field('dir')} />
          <label>
            {t.add.fileName}
            <input value={form.fileName ?? ''} placeholder={t.add.fileNamePlaceholder} onChange={(e) => field('fileName')(e.target.value)} />
          </label>
        </div>
        <div className="row">
          <SelectField label={t.add.priority} value={form.priority ?? 'default'} onChange={field('priority')} options={[['default', t.add.priorityNormal], ['high', t.add.priorityHigh]]} />
          <SelectField
            label={t.add.metered}
            value={form.costPolicy ?? 'default'}
            onChange={field('costPolicy')}
            options={[['default', t.add.costDefault], ['unrestrictedOnly', t.add.costUnrestrictedOnly], ['always', t.add.costAlways]]}
          />
          <label>
            {t.add.connections}
            <input
              name="connections"
              inputMode="numeric"
              value={form.connections ?? ''}
              placeholder={t.add.connectionsAuto}
              title={t.add.connectionsHint}
              onChange={(e) => {
                field('connections')(e.target.value);
                setError(null);
              }}
            />
          </label>
          <RateField
            label={t.limits.ownLimit}
            value={form.limit ?? ''}
            onChange={(text) => {
              field('limit')(text);
              setError(null);
            }}
          />
          <StartAtField value={form.startAt ?? ''} onChange={(text) => {
            field('startAt')(text);
            setError(null);
          }} />
          <SelectField
            label={t.groupEditor.whenTheseDone}
            value={form.whenDone ?? ''}
            onChange={(choice) => {
              field('whenDone')(choice);
              setError(null);
            }}
            options={whenDoneOptions(desktop, named.actions)}
          />
        </div>
        <HeadersAndCredentials
          value={form}
          onChange={(key, text) => field(key)(text)}
          first={
            <label>
              {t.credentials.mirrors}
              <textarea
                name="mirrors"
                rows={2}
                value={form.mirrors ?? ''}
                placeholder={t.credentials.mirrorsPlaceholder}
                onChange={(e) => {
                  field('mirrors')(e.target.value);
                  setError(null);
                }}
              />
            </label>
          }
        />
        {error && <FormError id="add-error" text={error} />}
        <DialogButtons onClose={onClose} label={t.add.submit} disabled={busy} />
      </form>
    </Dialog>
  );
}
