import { useEffect, useState } from 'react';
import { Dialog, DialogButtons } from './Dialog.tsx';
import { formatBytes } from '../format.ts';
import { useFerry } from '../state/context.tsx';
import { discardStaged, stageFile } from '../bridge/staging.ts';

type Sending = { sent: number; state: 'sending' | 'ready' | 'failed'; message?: string };

/**
 * Opened by dropping files. In the browser the files start streaming to the daemon at once (it
 * will upload them from there). The upload engine has not landed yet: the form says so and queues
 * nothing, and closing it discards what was sent.
 */
export function UploadDialog({ files, onClose }: { files: File[]; onClose: () => void }) {
  const [target, setTarget] = useState('');
  const [method, setMethod] = useState<'PUT' | 'POST'>('PUT');
  const [sending, setSending] = useState<Record<string, Sending>>({});
  const viaDaemon = useFerry((s) => s.host?.kind === 'daemon');

  useEffect(() => {
    if (!viaDaemon) return;
    const staged: string[] = [];
    const jobs = files.map((file, index) => {
      const key = `${index}`;
      const job = stageFile(file, (sent) => setSending((s) => ({ ...s, [key]: { sent, state: 'sending' } })));
      job.done.then(
        (result) => {
          staged.push(result.id);
          setSending((s) => ({ ...s, [key]: { sent: result.size, state: 'ready' } }));
        },
        (error: Error) => setSending((s) => ({ ...s, [key]: { sent: 0, state: 'failed', message: error.message } })),
      );
      return job;
    });
    return () => {
      jobs.forEach((job) => job.abort());
      staged.forEach(discardStaged);
    };
  }, [files, viaDaemon]);

  return (
    <Dialog title="Upload files" onClose={onClose}>
      <ul className="file-list" aria-label="Files to upload">
        {files.map((f, index) => {
          const s = sending[`${index}`];
          const status = !viaDaemon || !s ? '' : s.state === 'ready' ? 'on the daemon' : s.state === 'failed' ? `not sent: ${s.message}` : `sending ${Math.floor((100 * s.sent) / Math.max(1, f.size))}%`;
          return (
            <li key={`${f.name}-${index}`} aria-label={`${f.name}${status ? `, ${status}` : ''}`}>
              {f.name} <span className="muted">{formatBytes(f.size)}</span> {status && <span className="muted">— {status}</span>}
            </li>
          );
        })}
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
      <DialogButtons onClose={onClose} label="Upload" disabled submit={false} />
    </Dialog>
  );
}
