// `ferry ls`: a table with a header row (id, state, done/total, speed, ETA, name), fitted to the
// terminal's width (the name, and why a transfer failed or waits, are cut with … to fit; a pipe
// gets them whole). Nothing at all for an empty list, so scripts can test for it.
import path from 'node:path';
import { isHeld, type TransferSnapshot } from '../../shared/model.ts';
import { formatBytes } from '../../shared/format-bytes.ts';

function eta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))}s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)}m`;
  return `${Math.floor(seconds / 3600)}h${String(Math.round((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

function cells(t: TransferSnapshot): string[] {
  const running = t.state === 'running';
  const done = t.totalBytes
    ? `${Math.floor((100 * (t.state === 'completed' ? t.totalBytes : t.bytesTransferred)) / t.totalBytes)}% ${formatBytes(t.bytesTransferred)}/${formatBytes(t.totalBytes)}`
    : formatBytes(t.bytesTransferred);
  const name = t.upload && t.upload.files.length > 1 ? `${t.upload.files[0]!.name} and ${t.upload.files.length - 1} more` : t.path ? path.basename(t.path) : t.url;
  const arrow = t.kind === 'upload' ? '↑ ' : '';
  const error = t.error && t.state === 'failed' ? `  ${t.error.status}: ${t.error.message}` : '';
  // Why it waits: every automatic pause says so.
  const why = isHeld(t.state) ? `  (${t.history.at(-1)?.reason ?? 'waiting'})` : '';
  return [t.id.slice(0, 8), t.state, done, running && t.speed > 0 ? `${formatBytes(t.speed)}/s` : '', running ? eta(t.eta) : '', `${arrow}${name}${error}${why}`];
}

export function transferTable(list: readonly TransferSnapshot[], width = Number.POSITIVE_INFINITY): string[] {
  if (list.length === 0) return [];
  const rows = [['ID', 'STATE', 'DONE', 'SPEED', 'ETA', 'NAME'], ...list.map(cells)];
  const widths = [0, 1, 2, 3, 4].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => {
    const fixed = row.slice(0, 5).map((cell, column) => (column === 2 || column === 3 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ');
    const line = `${fixed}  ${row[5]}`;
    return line.length > width ? `${line.slice(0, Math.max(fixed.length + 3, width - 1))}…` : line.trimEnd();
  });
}
