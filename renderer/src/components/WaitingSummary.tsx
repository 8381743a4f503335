import { useShallow } from 'zustand/react/shallow';
import type { Conditions } from '../../../shared/model.ts';
import { useFerry } from '../state/context.tsx';

const COST_NAMES: Record<Conditions['cost'], string> = {
  unrestricted: 'Unmetered network',
  metered: 'Metered network',
  'approaching-limit': 'Metered network near its data limit',
  roaming: 'Roaming',
  'over-limit': 'Over the data limit',
};

const count = (n: number, word: string) => `${n} transfer${n === 1 ? '' : 's'} ${word}`;

/** The header's line that says why transfers wait: "Metered network: 3 transfers waiting". */
export function WaitingSummary() {
  const conditions = useFerry((s) => s.conditions);
  const held = useFerry(
    useShallow((s) => {
      const all = Object.values(s.transfers);
      return {
        network: all.filter((t) => t.state === 'waitingForNetwork').length,
        cost: all.filter((t) => t.state === 'pausedCostedNetwork').length,
        battery: all.filter((t) => t.state === 'pausedBattery').length,
      };
    }),
  );
  const parts: string[] = [];
  if (held.network > 0) parts.push(`${conditions?.suspended ? 'Going to sleep' : 'No network'}: ${count(held.network, 'waiting')}`);
  if (held.cost > 0) parts.push(`${conditions ? COST_NAMES[conditions.cost] : 'Costly network'}: ${count(held.cost, 'waiting')}`);
  if (held.battery > 0) {
    const power = conditions?.batterySaver ? 'Battery saver on' : `On battery${conditions?.batteryPercent != null ? ` (${Math.round(conditions.batteryPercent)}%)` : ''}`;
    parts.push(`${power}: ${count(held.battery, 'paused')}`);
  }
  if (parts.length === 0) return null;
  return (
    <p className="waiting" role="status" aria-label="Why transfers wait">
      {parts.join(' · ')}
    </p>
  );
}
