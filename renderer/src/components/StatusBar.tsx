// The status bar at the foot of the window: the totals (from before, when the link is lost), the
// overall speed down and up, the engine, network and power as the engine reads them, and where the
// keys are explained.
import { useFerry } from '../state/context.tsx';
import { totalsOf } from '../state/filters.ts';
import { doneOfTotal, formatBytes } from '../format.ts';
import { t } from '../i18n/catalog.ts';
import { timeOfDay } from '../i18n/format.ts';
import { WhenDoneButton } from './WhenDone.tsx';

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
      {sum.totalBytes > 0 && <span className="done-of-total">{doneOfTotal(sum.bytesTransferred, sum.totalBytes)}</span>}
    </p>
  );
}

/** The link to the engine, the network and the power, in a few words (what the policy reads). */
function Conditions() {
  const conditions = useFerry((s) => s.conditions);
  const host = useFerry((s) => s.host);
  const lostAt = useFerry((s) => s.linkLostAt);
  const parts = [lostAt ? t.statusBar.notConnected : host?.kind === 'electron' ? t.statusBar.engineApp : t.statusBar.engineDaemon];
  if (conditions && !lostAt) {
    parts.push(conditions.suspended ? t.waiting.sleeping : !conditions.online ? t.waiting.offline : t.waiting.cost[conditions.cost]);
    if (conditions.onBattery) parts.push(t.waiting.onBattery(conditions.batteryPercent));
    else if (conditions.batteryPercent !== null) parts.push(t.statusBar.onMains);
  }
  return (
    <p className="conditions" aria-label={t.statusBar.label} title={conditions?.source}>
      {parts.map((part, index) => (
        <span key={part} className={part === t.statusBar.notConnected ? 'bad' : index === 0 ? 'engine' : undefined}>
          {part}
        </span>
      ))}
    </p>
  );
}

/** The when-done choice, at the bottom with the other states (the toolbar keeps to one line at 1280 px). */
function WhenDoneInBar() {
  const offline = useFerry((s) => s.linkLostAt !== null);
  return <WhenDoneButton disabled={offline} />;
}

export function StatusBar() {
  return (
    <footer className="status-bar">
      <Totals />
      <Conditions />
      <WhenDoneInBar />
      <p className="hint">
        {t.app.shortcutsHintBefore} <kbd>?</kbd> {t.app.shortcutsHintAfter}
      </p>
    </footer>
  );
}
