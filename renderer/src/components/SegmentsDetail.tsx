// A segmented download in the details: how many connections fetch it now, the server's limit if it
// refused more, which parts of the file are on disk (PartsBar, larger than the row's), and, when
// mirrors take parts too, which address the connections read from and what each sent.
import type { SegmentsInfo } from '../../../shared/model.ts';
import { hideUrlPassword } from '../../../shared/url-password.ts';
import { t } from '../i18n/catalog.ts';
import { bytes } from '../i18n/format.ts';
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
        {segments.sources.length > 1 && (
          <ul className="segment-sources" aria-label={t.details.sources}>
            {segments.sources.map((source) => (
              <li key={source.address}>
                <span className="segment-source">{hideUrlPassword(source.address)}</span>
                {': '}
                {source.unused ? t.details.sourceUnused(source.unused, bytes(source.bytes)) : t.details.sourceLine(source.connections, bytes(source.bytes))}
              </li>
            ))}
          </ul>
        )}
      </dd>
    </div>
  );
}
