// The row menu's "Change address…": a new address for a download whose old one expired. It keeps
// the bytes on disk when the new address serves the same file; when it does not, Ferry says so and
// offers to start over from there (nothing is dropped without that second click).
import { useState, type FormEvent } from 'react';
import { useFerry } from '../state/context.tsx';
import { displayName, urlProblem } from '../format.ts';
import { t } from '../i18n/catalog.ts';
import { Dialog, DialogButtons } from './Dialog.tsx';

export function AddressDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const tr = useFerry((s) => s.transfers.get(id));
  const change = useFerry((s) => s.change);
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** The new address serves another file: the next submit starts over from it. */
  const [startOver, setStartOver] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!tr) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = urlProblem([url.trim()]);
    if (problem) return setError(problem);
    setBusy(true);
    const outcome = await change((bridge) => bridge.setUrl(id, url.trim(), startOver ? { startOver: true } : {}));
    setBusy(false);
    if (outcome.ok) return onClose();
    setError(outcome.error);
    // Refused because it is another file: say what starting over costs, and let the next click do it.
    setStartOver(/does not serve the same file/.test(outcome.error));
  };

  return (
    <Dialog title={t.address.title(displayName(tr))} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p className="limit-hint">{t.address.hint}</p>
        <label>
          {t.address.newAddress}
          <input
            name="url"
            value={url}
            placeholder={tr.url}
            aria-invalid={error !== null}
            onChange={(e) => {
              setUrl(e.target.value);
              setError(null);
              setStartOver(false);
            }}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {startOver ? t.address.otherFile : error}
          </p>
        )}
        <DialogButtons onClose={onClose} label={startOver ? t.address.startOver : t.address.set} disabled={busy} />
      </form>
    </Dialog>
  );
}
