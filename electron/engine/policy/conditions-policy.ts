// Whether a transfer may run under the conditions of the moment, by its cost policy: the README's cost table
// for the network's cost, then the battery rule. Pure, so the whole table is unit-tested.
import type { Conditions, CostPolicy, HeldState, NetworkCost } from '../../../shared/model.ts';

/** Why a transfer must wait now, or null when it may run. */
export type Hold = { state: HeldState; reason: string } | null;

/** Which policies may use a network of each cost (the README's table under "Network and battery"). */
const RUNS_ON: Record<NetworkCost, readonly CostPolicy[]> = {
  unrestricted: ['unrestrictedOnly', 'default', 'always'],
  metered: ['default', 'always'],
  'approaching-limit': ['always'],
  roaming: ['always'],
  'over-limit': [],
};

const COST_WORDS: Record<NetworkCost, string> = {
  unrestricted: 'an unmetered network',
  metered: 'a metered network',
  'approaching-limit': 'a metered network close to its data limit',
  roaming: 'a roaming network',
  'over-limit': 'a network over its data limit',
};

export function costWords(cost: NetworkCost): string {
  return COST_WORDS[cost];
}

export function holdFor(policy: CostPolicy, conditions: Conditions, batteryThreshold: number): Hold {
  if (conditions.suspended) return { state: 'waitingForNetwork', reason: 'the computer is going to sleep; it continues on waking' };
  if (!conditions.online) return { state: 'waitingForNetwork', reason: 'no network connection; it continues when the network is back' };
  if (!RUNS_ON[conditions.cost].includes(policy)) {
    const who = policy === 'always' ? 'no transfer runs' : policy === 'unrestrictedOnly' ? 'this transfer runs only on an unmetered network' : 'this transfer waits for a cheaper network';
    return { state: 'pausedCostedNetwork', reason: `on ${COST_WORDS[conditions.cost]}: ${who}` };
  }
  if (policy !== 'always' && conditions.onBattery) {
    if (conditions.batterySaver) return { state: 'pausedBattery', reason: 'battery saver is on; it continues on AC power' };
    if (conditions.batteryPercent !== null && conditions.batteryPercent < batteryThreshold) {
      return { state: 'pausedBattery', reason: `on battery at ${Math.round(conditions.batteryPercent)}% (below ${batteryThreshold}%); it continues on AC power or above it` };
    }
  }
  return null;
}

/** Why a held transfer may go again, in words for its history. */
export function releaseReason(from: HeldState, conditions: Conditions): string {
  switch (from) {
    case 'waitingForNetwork':
      return 'the network is back';
    case 'pausedCostedNetwork':
      return `now on ${COST_WORDS[conditions.cost]}`;
    case 'pausedBattery':
      return conditions.onBattery ? `the battery is at ${Math.round(conditions.batteryPercent ?? 100)}%` : 'on AC power';
    case 'scheduled':
      return 'its scheduled time came';
  }
}
