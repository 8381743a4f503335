// The small decisions behind notifications, the taskbar progress and blocking sleep. Pure.
import type { TransferSnapshot, TransferState } from '../../shared/model.ts';
import { displayName } from '../../shared/display-name.ts';
import { DESKTOP_WORDS, type DesktopWords } from '../../shared/desktop-words.ts';

export interface Notice {
  id: string;
  title: string;
  body: string;
}

/** A notice for each transfer that has just completed or failed. */
export function noticesFor(previousState: (id: string) => TransferState | undefined, changed: readonly TransferSnapshot[], words: DesktopWords = DESKTOP_WORDS.en): Notice[] {
  const notices: Notice[] = [];
  for (const t of changed) {
    const before = previousState(t.id);
    if (before === t.state) continue;
    if (t.state === 'completed' && before !== undefined) notices.push({ id: t.id, title: t.kind === 'upload' ? words.uploadComplete : words.downloadComplete, body: displayName(t) });
    if (t.state === 'failed') notices.push({ id: t.id, title: t.kind === 'upload' ? words.uploadFailed : words.downloadFailed, body: `${displayName(t)}: ${t.error?.message ?? words.failed}` });
  }
  return notices;
}

/** Value for BrowserWindow.setProgressBar: -1 hides it, 2 is indeterminate, else the fraction done. */
export function aggregateProgress(transfers: readonly TransferSnapshot[]): number {
  const active = transfers.filter((t) => t.state === 'running' || t.state === 'retrying' || t.state === 'queued');
  if (active.length === 0) return -1;
  if (active.some((t) => t.totalBytes === null)) return 2;
  const total = active.reduce((sum, t) => sum + (t.totalBytes ?? 0), 0);
  const done = active.reduce((sum, t) => sum + t.bytesTransferred, 0);
  return total > 0 ? Math.min(1, done / total) : 2;
}

export interface PowerSaveBlockerLike {
  start(type: 'prevent-app-suspension'): number;
  stop(id: number): void;
}

/** Holds a sleep blocker while anything runs and the setting allows it. */
export class SleepBlocker {
  private id: number | null = null;
  private readonly blocker: PowerSaveBlockerLike;

  constructor(blocker: PowerSaveBlockerLike) {
    this.blocker = blocker;
  }

  update(anyRunning: boolean, preventSleep: boolean): void {
    const want = anyRunning && preventSleep;
    if (want && this.id === null) this.id = this.blocker.start('prevent-app-suspension');
    if (!want && this.id !== null) {
      this.blocker.stop(this.id);
      this.id = null;
    }
  }

  get active(): boolean {
    return this.id !== null;
  }
}
