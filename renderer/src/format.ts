// How numbers and states read to a person.
import type { TransferSnapshot, TransferState } from '../../shared/model.ts';

export { displayName } from '../../shared/display-name.ts';
import { formatBytes } from '../../shared/format-bytes.ts';
export { formatBytes };

export const STATUS_WORDS: Record<TransferState, string> = {
  queued: 'Queued',
  running: 'Downloading',
  paused: 'Paused',
  waitingForNetwork: 'Waiting for network',
  pausedCostedNetwork: 'Paused — metered network',
  pausedBattery: 'Paused — on battery',
  retrying: 'Retrying',
  completed: 'Completed',
  canceled: 'Canceled',
  failed: 'Failed',
};

export function statusWords(t: Pick<TransferSnapshot, 'state' | 'kind'>): string {
  if (t.state === 'running') return t.kind === 'upload' ? 'Uploading' : 'Downloading';
  return STATUS_WORDS[t.state];
}

export function formatSpeed(bytesPerSecond: number): string {
  return bytesPerSecond > 0 ? `${formatBytes(bytesPerSecond)}/s` : '';
}

export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s left`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min left`;
  const hours = Math.floor(seconds / 3600);
  return `${hours} h ${Math.round((seconds % 3600) / 60)} min left`;
}

export function percent(t: Pick<TransferSnapshot, 'bytesTransferred' | 'totalBytes' | 'state'>): number | null {
  if (t.state === 'completed') return 100;
  if (!t.totalBytes) return null;
  return Math.min(100, Math.floor((100 * t.bytesTransferred) / t.totalBytes));
}

/** Checks the URLs typed in the add form, one per line: the first problem, or null. */
export function urlProblem(lines: string[]): string | null {
  if (lines.length === 0) return 'Enter at least one URL.';
  for (const [index, line] of lines.entries()) {
    const where = lines.length > 1 ? `Line ${index + 1}: ` : '';
    let url: URL;
    try {
      url = new URL(line);
    } catch {
      return `${where}"${line.length > 60 ? `${line.slice(0, 60)}…` : line}" is not a valid URL.`;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${where}only http and https URLs can be downloaded.`;
  }
  return null;
}
