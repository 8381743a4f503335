// How numbers and states read to a person: the words from the catalog, the numbers in the locale.
import type { TransferSnapshot } from '../../shared/model.ts';
import { t } from './i18n/catalog.ts';
import { DOWNLOAD_SCHEMES, schemesInWords } from '../../shared/download-schemes.ts';
import { bytes } from './i18n/format.ts';

export { displayName } from '../../shared/display-name.ts';
export { bytes as formatBytes };

export function statusWords(transfer: Pick<TransferSnapshot, 'state' | 'kind'> & Partial<Pick<TransferSnapshot, 'bytesTransferred' | 'totalBytes' | 'response'>>): string {
  if (transfer.state === 'running' && transfer.kind === 'upload') return awaitingAnswer(transfer) ? t.status.awaitingAnswer : t.status.uploading;
  return t.status[transfer.state];
}

/** An upload that sent every byte and waits for the server to answer (it may take long to take a big file in). */
export function awaitingAnswer(transfer: Partial<Pick<TransferSnapshot, 'state' | 'kind' | 'bytesTransferred' | 'totalBytes' | 'response'>>): boolean {
  return (
    transfer.state === 'running' &&
    transfer.kind === 'upload' &&
    transfer.response === null &&
    transfer.totalBytes !== null &&
    transfer.totalBytes !== undefined &&
    (transfer.bytesTransferred ?? 0) >= transfer.totalBytes
  );
}

export function formatSpeed(bytesPerSecond: number): string {
  return bytesPerSecond > 0 ? t.sizes.perSecond(bytes(bytesPerSecond)) : '';
}

/** "1.2 MB of 3.0 MB", or what has arrived when the total is not known. */
export function doneOfTotal(done: number, total: number | null): string {
  return total === null ? bytes(done) : t.sizes.of(bytes(done), bytes(total));
}

/** "1 min left"; `words` says it another way ("1 min", in the Time left column). */
export function formatEta(seconds: number | null, words: typeof t.eta = t.eta): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 60) return words.seconds(Math.max(1, Math.round(seconds)));
  if (seconds < 3600) return words.minutes(Math.round(seconds / 60));
  return words.hours(Math.floor(seconds / 3600), Math.round((seconds % 3600) / 60));
}

export function percent(transfer: Pick<TransferSnapshot, 'bytesTransferred' | 'totalBytes' | 'state'>): number | null {
  if (transfer.state === 'completed') return 100;
  if (!transfer.totalBytes) return null;
  return Math.min(100, Math.floor((100 * transfer.bytesTransferred) / transfer.totalBytes));
}

/** Checks URLs given one per line: the first problem, or null. */
export function urlProblem(lines: string[]): string | null {
  return urlProblems(lines.join('\n'))[0] ?? null;
}

/**
 * Every problem of the URLs typed in the add form, one per line, each naming its line as the user
 * sees it (blank lines count; `label` names it, "Line 2: " by default when there are several);
 * empty when all are good.
 */
export function urlProblems(text: string, label?: (n: number) => string): string[] {
  return urlLineProblems(text, label).map((p) => p.problem);
}

/** The same, with the number of each bad line (its place in the text, from 1); a text with no URL is line 0's problem. */
export function urlLineProblems(text: string, label?: (n: number) => string): Array<{ n: number; problem: string }> {
  const lines = text.split(/\r?\n/).map((line, index) => ({ line: line.trim(), n: index + 1 })).filter((l) => l.line);
  if (lines.length === 0) return [{ n: 0, problem: t.forms.noUrl }];
  return lines.flatMap(({ line, n }) => {
    const problem = lineProblem(line, label ? label(n) : lines.length > 1 ? t.forms.line(n) : '');
    return problem ? [{ n, problem }] : [];
  });
}

function lineProblem(line: string, where: string): string | null {
  let url: URL;
  try {
    url = new URL(line);
  } catch {
    return t.forms.notUrl(where, line.length > 60 ? `${line.slice(0, 60)}…` : line);
  }
  return DOWNLOAD_SCHEMES.includes(url.protocol) ? null : t.forms.notDownloadable(where, schemesInWords(DOWNLOAD_SCHEMES));
}
