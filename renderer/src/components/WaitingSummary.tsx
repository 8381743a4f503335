import { useFerry } from '../state/context.tsx';
import { t } from '../i18n/catalog.ts';
import { perVersion } from '../state/filters.ts';

const heldOf = perVersion((all) => ({
  network: all.filter((t) => t.state === 'waitingForNetwork').length,
  cost: all.filter((t) => t.state === 'pausedCostedNetwork').length,
  battery: all.filter((t) => t.state === 'pausedBattery').length,
}));

/** The header's line that says why transfers wait: "Metered network: 3 transfers waiting". */
export function WaitingSummary() {
  const conditions = useFerry((s) => s.conditions);
  const held = useFerry((s) => heldOf(s.transfers));
  const parts: string[] = [];
  if (held.network > 0) parts.push(t.waiting.waitingCount(conditions?.suspended ? t.waiting.sleeping : t.waiting.offline, held.network));
  if (held.cost > 0) parts.push(t.waiting.waitingCount(conditions ? t.waiting.cost[conditions.cost] : t.waiting.costUnknown, held.cost));
  if (held.battery > 0) {
    const power = conditions?.batterySaver ? t.waiting.batterySaver : t.waiting.onBattery(conditions?.batteryPercent ?? null);
    parts.push(t.waiting.pausedCount(power, held.battery));
  }
  if (parts.length === 0) return null;
  return (
    <p className="waiting" role="status" aria-label={t.waiting.label}>
      {parts.join(' · ')}
    </p>
  );
}
