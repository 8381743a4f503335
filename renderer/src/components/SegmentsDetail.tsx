// A segmented download in the details: how many connections fetch it now, the server's limit if it
// refused more, and which parts of the file are on disk (PartsBar, larger than the row's).
import type { SegmentsInfo } from '../../../shared/model.ts';
import { t } from '../i18n/catalog.ts';
import { PartsBar } from './PartsBar.tsx';

export function SegmentsDetail({ segments, total, live }: { segments: SegmentsInfo; total: number; live: boolean }) {
  return (
    <div className="detail">
      <dt>{t.details.connections}</dt>
      <dd>
        {live ? t.details.connectionsNow(segments.connections) : t.details.connectionsIdle}
        {segments.serverLimit !== null && ` ${t.details.serverLimit(segments.serverLimit)}`}
        <div className="parts" role="img" aria-label={t.details.partsOnDisk(segments.done.length)}>
          <PartsBar done={segments.done} total={total} className="parts-fill" />
        </div>
      </dd>
    </div>
  );
}
