// The details pane's history: every change of state with its time and reason, oldest first and
// numbered in that order (the list's own numbers), then the retries the same way.
import type { TransferSnapshot } from '../../../../shared/model.ts';
import { statusWords } from '../../format.ts';
import { t } from '../../i18n/catalog.ts';
import { timeOfDay } from '../../i18n/format.ts';

export function HistoryTab({ tr }: { tr: TransferSnapshot }) {
  return (
    <>
      <ol className="history" aria-label={t.details.history}>
        {tr.history.length === 0 && <li>{t.details.nothingYet}</li>}
        {tr.history.map((h, index) => (
          <li key={`${h.at}-${index}`}>
            <time dateTime={h.at}>{timeOfDay(h.at)}</time> {t.details.historyEntry(statusWords({ state: h.to, kind: tr.kind }), h.reason)}
          </li>
        ))}
      </ol>
      {tr.retries.length > 0 && (
        <>
          <h3>{t.details.retries}</h3>
          <ol className="history" aria-label={t.details.retries}>
            {tr.retries.map((r, index) => (
              <li key={`${r.at}-${index}`}>
                <time dateTime={r.at}>{timeOfDay(r.at)}</time> {t.details.errorLine(r.status, r.httpStatus, r.message)}
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
