import type { TransferSnapshot } from './model.ts';

/** The name shown for a transfer: its file name, else the last part of its URL. */
export function displayName(t: Pick<TransferSnapshot, 'path' | 'url'>): string {
  if (t.path) return t.path.split(/[\\/]/).pop() || t.path;
  try {
    const last = new URL(t.url).pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : new URL(t.url).host;
  } catch {
    return t.url;
  }
}
