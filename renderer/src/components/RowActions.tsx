// The buttons at the end of a row: what can be done with this transfer now. They are not tab stops
// (the list is one; its keys and the row menu do the same), but a click works as before.
import { FINAL_STATES, type TransferSnapshot } from '../../../shared/model.ts';
import { userActionAllowed } from '../../../shared/user-actions.ts';
import { t } from '../i18n/catalog.ts';
import type { TransferAction } from '../state/store.ts';
import { SheetIcon, type IconName } from './IconSheet.tsx';

export interface RowAction {
  action: TransferAction;
  label: string;
}

export function actionsFor(tr: TransferSnapshot, canOpenFiles: boolean): RowAction[] {
  const actions: RowAction[] = [];
  if (userActionAllowed('pause', tr.state)) actions.push({ action: 'pause', label: t.actions.pause });
  if (tr.state === 'paused') actions.push({ action: 'resume', label: t.actions.resume });
  if (tr.state === 'failed' || tr.state === 'canceled') actions.push({ action: 'retry', label: t.actions.retry });
  // Held for the network's cost or the battery: the user may let it through (asked first).
  if (tr.state === 'pausedCostedNetwork' || tr.state === 'pausedBattery') actions.push({ action: 'anyway', label: tr.kind === 'upload' ? t.actions.uploadAnyway : t.actions.downloadAnyway });
  // Waiting for its start time or a time window: the user may start it now (nothing is lost; no question).
  if (tr.state === 'scheduled') actions.push({ action: 'startNow', label: t.actions.startNow });
  // A failed transfer is not cancelled any more: it is retried or removed.
  if (userActionAllowed('cancel', tr.state) && tr.state !== 'failed') actions.push({ action: 'cancel', label: t.actions.cancel });
  if (tr.state === 'completed' && canOpenFiles && tr.kind === 'download') {
    actions.push({ action: 'open', label: t.actions.open }, { action: 'reveal', label: t.actions.reveal });
  }
  if (FINAL_STATES.includes(tr.state)) actions.push({ action: 'remove', label: t.actions.remove });
  // Ferry deletes only files it wrote: a download's, never an upload's source.
  if (tr.state === 'completed' && tr.kind === 'download') actions.push({ action: 'deleteFile', label: t.actions.deleteFile });
  return actions;
}

const ICONS: Partial<Record<TransferAction, IconName>> = {
  pause: 'pause', resume: 'play', retry: 'retry', anyway: 'anyway', startNow: 'anyway', cancel: 'cancel', open: 'open', reveal: 'reveal', remove: 'remove', deleteFile: 'deleteFile',
};
/** The buttons' column for rows with at most `most` buttons besides the details one (each 21 px and a 2 px gap, and the cell's padding). */
export const actionsWidth = (most: number): number => (most + 1) * 23 + 10;

interface Props {
  tr: TransferSnapshot;
  name: string;
  canOpenFiles: boolean;
  offline: boolean;
  onAct: (action: TransferAction) => void;
  onDetails: () => void;
}

export function RowActions({ tr, name, canOpenFiles, offline, onAct, onDetails }: Props) {
  return (
    <div className="cell actions" role="gridcell">
      {/* Keyed by place, not action: when Pause becomes Resume the button stays under the pointer. */}
      {actionsFor(tr, canOpenFiles).map(({ action, label }, slot) => {
        return (
          <button key={slot} type="button" tabIndex={-1} className="icon" disabled={offline} onClick={() => onAct(action)} aria-label={t.row.actionOn(label, name)} title={t.row.actionOn(label, name)}>
            <SheetIcon name={ICONS[action] ?? 'info'} size={15} />
          </button>
        );
      })}
      <button type="button" tabIndex={-1} className="icon quiet" onClick={onDetails} aria-label={t.row.detailsOf(name)} title={t.row.detailsOf(name)}>
        <SheetIcon name="info" size={15} />
      </button>
    </div>
  );
}
