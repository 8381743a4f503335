// In the browser the daemon cannot read the user's disk, so dropped files are streamed to it
// (PUT /api/staging, with the page's session) as soon as they are dropped.
import type { StagedFile } from '../../../shared/model.ts';
import { authHeaders } from './session.ts';

export function stageFile(file: File, onProgress: (sent: number) => void): { done: Promise<StagedFile>; abort(): void } {
  const request = new XMLHttpRequest();
  const done = new Promise<StagedFile>((resolve, reject) => {
    request.open('PUT', `/api/staging?name=${encodeURIComponent(file.name)}`);
    request.responseType = 'json';
    for (const [name, value] of Object.entries(authHeaders())) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () => {
      const body = request.response as { result?: StagedFile; error?: { message: string } } | null;
      if (request.status === 200 && body?.result) resolve(body.result);
      else reject(new Error(body?.error?.message ?? `the daemon answered ${request.status}`));
    };
    request.onerror = () => reject(new Error('the file could not be sent to the Ferry daemon'));
    request.onabort = () => reject(new Error('canceled'));
    request.send(file);
  });
  return { done, abort: () => request.abort() };
}

export function discardStaged(id: string): void {
  void fetch(`/api/staging/${encodeURIComponent(id)}`, { method: 'DELETE', headers: authHeaders() }).catch(() => undefined);
}
