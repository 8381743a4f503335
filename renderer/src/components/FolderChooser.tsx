// The browser UI's folder chooser: the daemon's folders, one at a time (open one, go up, type a
// path, make a new one), shown inside the form that asked. A folder the daemon cannot read is said
// in words and the chooser stays where it was.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Folder } from 'lucide-react';
import type { FerryBridge } from '../../../shared/api.ts';
import type { FolderListing } from '../../../shared/folders.ts';
import { FOLDER_LISTING_MAX } from '../../../shared/folders.ts';
import { messageOf } from '../state/message-of.ts';
import { t } from '../i18n/catalog.ts';

interface Props {
  folders: Pick<FerryBridge, 'listFolder' | 'makeFolder'>;
  /** The field's folder: the chooser starts there (or at the download folder when it cannot be read). */
  start: string;
  onChoose(dir: string): void;
  onCancel(): void;
}

export function FolderChooser({ folders, start, onChoose, onCancel }: Props) {
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [typed, setTyped] = useState(start);
  const [error, setError] = useState<string | null>(null);
  const [hidden, setHidden] = useState(false);
  const [newName, setNewName] = useState<string | null>(null);
  const errorId = useId();
  const listRef = useRef<HTMLUListElement>(null);

  /** Shows what `call` lists; the reason it could not, or null. */
  const show = async (call: () => Promise<FolderListing>): Promise<string | null> => {
    try {
      const next = await call();
      setListing(next);
      setTyped(next.path);
      setError(null);
      return null;
    } catch (failure) {
      setError(messageOf(failure));
      return messageOf(failure);
    }
  };
  const open = (dir: string | null, withHidden = hidden) => show(() => folders.listFolder(dir, { hidden: withHidden }));

  useEffect(() => {
    // The field's folder may not exist yet (or be unreadable): then the download folder, with the reason.
    void (async () => {
      const reason = start.trim() ? await open(start) : 'none';
      if (reason === null) return;
      await open(null);
      if (reason !== 'none') setError(reason);
    })();
    // Once, when it opens.
  }, []);
  useEffect(() => {
    // The folder button clicked is gone with its listing: focus goes on to the new one's first folder.
    if (document.activeElement === document.body || !document.activeElement?.isConnected) listRef.current?.querySelector('button')?.focus();
  }, [listing]);

  // Keys inside the chooser are its own: Enter does not send the form, Escape closes only the chooser.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.nativeEvent.stopImmediatePropagation();
      if (newName !== null) setNewName(null);
      else onCancel();
    }
  };
  const onEnter = (action: () => void) => (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    action();
  };

  const make = async () => {
    if (!listing || newName === null) return;
    const parent = listing.path;
    if ((await show(() => folders.makeFolder(parent, newName))) === null) setNewName(null);
  };

  return (
    <section className="folder-chooser" aria-label={t.folders.chooser} onKeyDown={onKeyDown}>
      <div className="folder-bar">
        <button type="button" aria-label={t.folders.upLabel} disabled={!listing?.parent} onClick={() => listing?.parent && void open(listing.parent)}>
          {t.folders.up}
        </button>
        <input aria-label={t.folders.path} value={typed} aria-invalid={error !== null} aria-describedby={error ? errorId : undefined} onChange={(e) => setTyped(e.target.value)} onKeyDown={onEnter(() => void open(typed))} />
        <button type="button" onClick={() => void open(typed)}>
          {t.folders.go}
        </button>
      </div>
      {error && (
        <p className="form-error" id={errorId} role="alert">
          {error}
        </p>
      )}
      {listing === null ? (
        <p className="folder-note">{t.folders.reading}</p>
      ) : listing.folders.length === 0 ? (
        <p className="folder-note">{t.folders.empty}</p>
      ) : (
        <ul className="folder-list" aria-label={t.folders.list(listing.path)} ref={listRef}>
          {listing.folders.map((name) => (
            <li key={name}>
              <button type="button" className="quiet" aria-label={t.folders.open(name)} onClick={() => void open(joinPath(listing.path, name))}>
                <Folder size={14} aria-hidden="true" />
                {name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {listing?.truncated && <p className="folder-note">{t.folders.truncated(FOLDER_LISTING_MAX)}</p>}
      <div className="folder-bar">
        <label className="check">
          <input
            type="checkbox"
            checked={hidden}
            onChange={(e) => {
              setHidden(e.target.checked);
              if (listing) void open(listing.path, e.target.checked);
            }}
          />
          {t.folders.hidden}
        </label>
        {newName === null ? (
          <button type="button" disabled={!listing} onClick={() => setNewName('')}>
            {t.folders.newFolder}
          </button>
        ) : (
          <>
            <input aria-label={t.folders.newName} placeholder={t.folders.newName} value={newName} autoFocus onChange={(e) => setNewName(e.target.value)} onKeyDown={onEnter(() => void make())} />
            <button type="button" onClick={() => void make()}>
              {t.folders.make}
            </button>
          </>
        )}
      </div>
      <div className="buttons">
        <button type="button" onClick={onCancel}>
          {t.folders.cancel}
        </button>
        <button type="button" className="primary" disabled={!listing} onClick={() => listing && onChoose(listing.path)}>
          {t.folders.choose}
        </button>
      </div>
    </section>
  );
}

/** A subfolder's path on the host (its separator is the one the host's path already uses). */
function joinPath(dir: string, name: string): string {
  const separator = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(separator) ? `${dir}${name}` : `${dir}${separator}${name}`;
}
