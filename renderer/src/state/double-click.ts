// A double-click on a row of the table, as in a file manager.
import type { TransferSnapshot } from '../../../shared/model.ts';

/**
 * What a double-click on a row does: a finished download opens in its application where the host
 * can open files (the desktop app); anything else, and everything in the browser (whose only way to a
 * file is the link on its name, a copy saved by the browser), shows the details.
 */
export function doubleClickAction(tr: TransferSnapshot, canOpenFiles: boolean): 'open' | 'details' {
  return canOpenFiles && tr.kind === 'download' && tr.state === 'completed' ? 'open' : 'details';
}
