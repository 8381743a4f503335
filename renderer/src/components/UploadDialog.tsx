import { useState } from 'react';
import { Dialog } from './Dialog.tsx';
import { formatBytes } from '../format.ts';

/** Opened by dropping files. The upload engine has not landed yet: the form says so and queues nothing. */
export function UploadDialog({ files, onClose }: { files: File[]; onClose: () => void }) {
  const [target, setTarget] = useState('');
  const [method, setMethod] = useState<'PUT' | 'POST'>('PUT');
  return (
    <Dialog title="Upload files" onClose={onClose}>
      <ul className="file-list" aria-label="Files to upload">
        {files.map((f) => (
          <li key={`${f.name}-${f.size}`}>
            {f.name} <span className="muted">{formatBytes(f.size)}</span>
          </li>
        ))}
      </ul>
      <label>
        Target URL
        <input value={target} placeholder="https://example.org/upload" onChange={(e) => setTarget(e.target.value)} />
      </label>
      <label>
        Method
        <select value={method} onChange={(e) => setMethod(e.target.value as 'PUT' | 'POST')}>
          <option value="PUT">PUT</option>
          <option value="POST">POST</option>
        </select>
      </label>
      <p className="notice" role="status">
        Uploads are not available yet: this version of Ferry downloads only. Nothing will be queued.
      </p>
      <div className="buttons">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="primary" disabled>
          Upload
        </button>
      </div>
    </Dialog>
  );
}
