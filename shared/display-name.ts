import type { TransferSnapshot } from './model.ts';

/** The name shown for a transfer: its file name (an upload's: the files'), else the last part of its URL. */
export function displayName(t: Pick<TransferSnapshot, 'path' | 'url'> & { upload?: TransferSnapshot['upload'] }): string {
  const files = t.upload?.files ?? [];
  if (files.length > 1) return `${files[0]!.name} and ${files.length - 1} more`;
  if (files.length === 1) return files[0]!.name;
  if (t.path) return t.path.split(/[\\/]/).pop() || t.path;
  try {
    const last = new URL(t.url).pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : new URL(t.url).host;
  } catch {
    return t.url;
  }
}
