// A folder field with Browse…: the desktop app's system dialog, or in the browser UI the daemon's
// folders listed in the page (FolderChooser), below the field.
import { useState } from 'react';
import { useFerry } from '../state/context.tsx';
import { folderWay } from '../bridge/folder-way.ts';
import { FolderChooser } from './FolderChooser.tsx';
import { t } from '../i18n/catalog.ts';

export interface FolderFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  /** The id of a note about the field (a warning). */
  describedBy?: string;
}

export function FolderField({ label, value, onChange, placeholder, describedBy }: FolderFieldProps) {
  const host = useFerry((s) => s.host);
  const folders = useFerry((s) => s.folders);
  const [browsing, setBrowsing] = useState(false);
  const way = folderWay(folders, host);

  const browse = async () => {
    if (way.kind === 'page') return setBrowsing(true);
    const chosen = await way.choose(value.trim() || null).catch(() => null);
    if (chosen) onChange(chosen);
  };

  return (
    <>
      <div className="folder-field">
        <label>
          {label}
          <input value={value} placeholder={placeholder} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)} />
        </label>
        <button type="button" className="browse" aria-expanded={way.kind === 'page' ? browsing : undefined} onClick={() => void browse()}>
          {t.folders.browse}
        </button>
      </div>
      {browsing && way.kind === 'page' && (
        <FolderChooser
          folders={way.folders}
          start={value}
          onChoose={(dir) => {
            onChange(dir);
            setBrowsing(false);
          }}
          onCancel={() => setBrowsing(false)}
        />
      )}
    </>
  );
}
