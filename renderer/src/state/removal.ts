// What removing transfers from the list costs, and the question asked before it costs anything.
// A finished transfer (completed, canceled, or failed with nothing downloaded) only leaves the list:
// it can be undone for a few seconds. One still going (or a failed download, whose partial file a
// retry would continue from) loses what it downloaded: that is asked first, naming the bytes.
import { FINAL_STATES, type TransferSnapshot } from '../../../shared/model.ts';
import { displayName } from '../../../shared/display-name.ts';
import { t } from '../i18n/catalog.ts';
import { bytes } from '../i18n/format.ts';

/** A question with a safe answer (`keep`, the default) and the one that goes ahead (`go`). */
export interface Question {
  title: string;
  body: string;
  keep: string;
  go: string;
}

export function losesWork(transfer: TransferSnapshot): boolean {
  if (!FINAL_STATES.includes(transfer.state)) return true;
  return transfer.state === 'failed' && transfer.kind === 'download' && transfer.bytesTransferred > 0;
}

export interface RemovalPlan {
  /** Removed at once, after the question: their partial files go. */
  losing: TransferSnapshot[];
  /** Hidden first and removed when the undo window closes: their files stay. */
  undoable: TransferSnapshot[];
}

export function planRemoval(list: TransferSnapshot[]): RemovalPlan {
  return { losing: list.filter(losesWork), undoable: list.filter((tr) => !losesWork(tr)) };
}

/** The question before removing `plan`'s losing transfers, or null when nothing is lost. */
export function removalQuestion(plan: RemovalPlan): Question | null {
  const { losing, undoable } = plan;
  if (losing.length === 0) return null;
  const all = losing.length + undoable.length;
  const downloads = losing.filter((tr) => tr.kind === 'download');
  const uploads = losing.length - downloads.length;
  const lost = downloads.reduce((sum, tr) => sum + tr.bytesTransferred, 0);
  const sentences = [t.confirm.notFinished(losing.length, all)];
  if (downloads.length > 0) sentences.push(lost > 0 ? t.confirm.lostBytes(bytes(lost)) : t.confirm.nothingLost);
  if (uploads > 0) sentences.push(t.confirm.uploadsStop(uploads));
  if (undoable.length > 0) sentences.push(t.confirm.finishedStay);
  return {
    title: t.confirm.removeTitle(all, displayName(losing[0]!)),
    body: sentences.join(' '),
    keep: t.confirm.keep(all),
    go: lost > 0 ? t.confirm.removeAndDelete(bytes(lost)) : t.confirm.remove,
  };
}
