// One transfer as one line of the table: a cell per shown column, then its buttons. It reads its
// own transfer from the store, so only the rows that changed re-render.
import { memo } from 'react';
import { FINAL_STATES } from '../../../shared/model.ts';
import { doubleClickAction } from '../state/double-click.ts';
import { useFerry } from '../state/context.tsx';
import { displayName, statusWords } from '../format.ts';
import { t } from '../i18n/catalog.ts';
import { timeOfDay } from '../i18n/format.ts';
import type { Column } from '../state/columns.ts';
import { Cell } from './TransferCells.tsx';
import { RowActions } from './RowActions.tsx';
import { useRetryText } from './use-retry-text.ts';
import { queuePlaces, runningCount } from '../state/queue-places.ts';
import { useQueueDrag } from './use-queue-drag.ts';

/** A click on the row itself (not on a button or link) selects it, as in a file manager. */
function selectsRow(event: React.MouseEvent): boolean {
  return !(event.target as HTMLElement).closest('button, a, input, select, textarea');
}

export const rowDomId = (id: string) => `transfer-row-${id}`;

interface Props {
  id: string;
  /** Its place in the list (0-based) and where it is drawn (px from the top of the body). */
  index: number;
  top: number;
  columns: readonly Column[];
  lead: boolean;
  onDetails: (id: string) => void;
  /** The row became the keyboard's place in the list (a click on it). */
  onLead: (id: string) => void;
  /** A right-click: the row menu at the pointer. */
  onMenu: (id: string, at: { x: number; y: number }) => void;
}

export const TransferRow = memo(function TransferRow({ id, index, top, columns, lead, onDetails, onLead, onMenu }: Props) {
  const tr = useFerry((s) => s.transfers.get(id));
  const host = useFerry((s) => s.host);
  const act = useFerry((s) => s.act);
  const selected = useFerry((s) => s.selected.includes(id));
  const select = useFerry((s) => s.select);
  const lostAt = useFerry((s) => s.linkLostAt);
  const retryText = useRetryText(tr, lostAt === null);
  const place = useFerry((s) => queuePlaces(s.transfers).get(id) ?? null);
  const slotsFull = useFerry((s) => runningCount(s.transfers) >= (s.settings?.maxConcurrent ?? Infinity));
  const drag = useQueueDrag(id, tr?.state === 'queued');
  if (!tr) return null;
  const name = displayName(tr);
  const asOf = lostAt && !FINAL_STATES.includes(tr.state) ? t.totals.asOf(timeOfDay(lostAt)) : null;
  const queue = place === null ? null : { place, slotsFull };
  const context = { tr, lostAt, fileLinks: host?.fileLinks ?? false, retryText, queue, onDownload: () => void act(tr.id, 'download') };
  return (
    <div
      role="row"
      id={rowDomId(id)}
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-label={t.row.label(name, asOf ? `${statusWords(tr)} ${asOf}` : statusWords(tr))}
      className={`row transfer state-${tr.state}${selected ? ' selected' : ''}${lead ? ' lead' : ''}${drag.side ? ` drop-${drag.side}` : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      {...drag.props}
      onClick={(event) => {
        if (!selectsRow(event)) return;
        select(id, event.shiftKey ? 'range' : event.ctrlKey || event.metaKey ? 'toggle' : 'only');
        onLead(id);
      }}
      onDoubleClick={(event) => {
        if (!selectsRow(event)) return;
        if (doubleClickAction(tr, host?.canOpenFiles ?? false) === 'open' && !lostAt) void act(id, 'open');
        else onDetails(id);
      }}
      onContextMenu={(event) => {
        event.preventDefault();
        // As in a file manager: a right-click on a row outside the selection selects it alone.
        if (!selected) select(id, 'only');
        onLead(id);
        onMenu(id, { x: event.clientX, y: event.clientY });
      }}
    >
      {columns.map((column) => (
        <div key={column} role="gridcell" className={`cell col-${column}`}>
          <Cell column={column} context={context} />
        </div>
      ))}
      <RowActions tr={tr} name={name} canOpenFiles={host?.canOpenFiles ?? false} offline={lostAt !== null} onAct={(action) => void act(tr.id, action)} onDetails={() => onDetails(tr.id)} />
    </div>
  );
});
