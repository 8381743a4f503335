// The status bar at the foot of the window: the totals (from before, when the link is lost), the
// overall speed down and up, and where the keys are explained.
import { useFerry } from '../state/context.tsx';
import { totalsOf } from '../state/filters.ts';
import { doneOfTotal, formatBytes } from '../format.ts';
import { t } from '../i18n/catalog.ts';
import { timeOfDay } from '../i18n/format.ts';

const perSecond = (bytes: number) => t.sizes.perSecond(formatBytes(bytes));

function Totals() {
  const sum = useFerry((s) => totalsOf(s.transfers));
  const lostAt = useFerry((s) => s.linkLostAt);
  return (
    <p className="totals" aria-label={t.totals.label}>
      {lostAt && <span className="as-of">{t.totals.asOf(timeOfDay(lostAt))}</span>}
      <span>{t.totals.active(sum.active)}</span>
      <span>{t.totals.queued(sum.queued)}</span>
      {sum.paused > 0 && <span>{t.totals.paused(sum.paused)}</span>}
      <span>{t.totals.completed(sum.completed)}</span>
      {sum.failed > 0 && <span className="bad">{t.totals.failed(sum.failed)}</span>}
      {/* Speeds from before the link was lost are not today's. */}
      {!lostAt && <span title={t.totals.downHint}>{t.totals.down(perSecond(sum.speed - sum.uploadSpeed))}</span>}
      {!lostAt && <span title={t.totals.upHint}>{t.totals.up(perSecond(sum.uploadSpeed))}</span>}
      {sum.totalBytes > 0 && <span>{doneOfTotal(sum.bytesTransferred, sum.totalBytes)}</span>}
    </p>
  );
}

export function StatusBar() {
  return (
    <footer className="status-bar">
      <Totals />
      <p className="hint">
        {t.app.shortcutsHintBefore} <kbd>?</kbd> {t.app.shortcutsHintAfter}
      </p>
    </footer>
  );
}
