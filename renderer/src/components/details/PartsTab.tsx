// The details pane's Parts tab: for a segmented download its connections and which parts of the
// file are on disk; otherwise why it runs over one connection.
import type { TransferSnapshot } from '../../../../shared/model.ts';
import { t } from '../../i18n/catalog.ts';
import { SegmentsDetail } from '../SegmentsDetail.tsx';

export function PartsTab({ tr }: { tr: TransferSnapshot }) {
  if (!tr.segments || tr.totalBytes === null) return <p className="muted">{t.details.notSplit}</p>;
  return (
    <dl className="details">
      <SegmentsDetail segments={tr.segments} total={tr.totalBytes} live={tr.state === 'running'} />
    </dl>
  );
}
