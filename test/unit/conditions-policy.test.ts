// The README's cost and battery table, every cell: which policy runs on which network, and when the
// battery pauses a transfer.
import { describe, expect, it } from 'vitest';
import { holdFor } from '../../electron/engine/policy/conditions-policy.ts';
import { ASSUMED_CONDITIONS } from '../../electron/engine/policy/conditions-monitor.ts';
import { COST_POLICIES, type Conditions, type CostPolicy, type NetworkCost } from '../../shared/model.ts';

const on = (patch: Partial<Conditions>): Conditions => ({ ...ASSUMED_CONDITIONS, ...patch });
const verdict = (policy: CostPolicy, c: Conditions) => holdFor(policy, c, 20)?.state ?? 'run';

describe('the network cost table', () => {
  const table: Record<NetworkCost, [string, string, string]> = {
    unrestricted: ['run', 'run', 'run'],
    metered: ['pausedCostedNetwork', 'run', 'run'],
    'approaching-limit': ['pausedCostedNetwork', 'pausedCostedNetwork', 'run'],
    roaming: ['pausedCostedNetwork', 'pausedCostedNetwork', 'run'],
    'over-limit': ['pausedCostedNetwork', 'pausedCostedNetwork', 'pausedCostedNetwork'],
  };
  for (const [cost, expected] of Object.entries(table) as Array<[NetworkCost, string[]]>) {
    it(`on ${cost}: unrestrictedOnly ${expected[0]}, default ${expected[1]}, always ${expected[2]}`, () => {
      expect(COST_POLICIES.map((p) => verdict(p, on({ cost })))).toEqual(['unrestrictedOnly', 'default', 'always'].map((_, i) => expected[i]));
    });
  }
  it('says why, naming the network', () => {
    expect(holdFor('unrestrictedOnly', on({ cost: 'metered' }), 20)?.reason).toBe('on a metered network: this transfer runs only on an unmetered network');
    expect(holdFor('always', on({ cost: 'over-limit' }), 20)?.reason).toBe('on a network over its data limit: no transfer runs');
  });
});

describe('the battery rule', () => {
  it('pauses default and unrestrictedOnly below the threshold on battery; always keeps going', () => {
    const low = on({ onBattery: true, batteryPercent: 15 });
    expect(COST_POLICIES.map((p) => verdict(p, low))).toEqual(['pausedBattery', 'pausedBattery', 'run']);
    expect(holdFor('default', low, 20)?.reason).toBe('on battery at 15% (below 20%); it continues on AC power or above it');
  });
  it('does not pause at or above the threshold, on AC, or when the level is unknown', () => {
    expect(verdict('default', on({ onBattery: true, batteryPercent: 20 }))).toBe('run');
    expect(verdict('default', on({ onBattery: false, batteryPercent: 5 }))).toBe('run');
    expect(verdict('default', on({ onBattery: true, batteryPercent: null }))).toBe('run');
  });
  it('pauses for battery saver on battery whatever the level; the threshold is a setting', () => {
    expect(verdict('unrestrictedOnly', on({ onBattery: true, batteryPercent: 90, batterySaver: true }))).toBe('pausedBattery');
    expect(verdict('always', on({ onBattery: true, batteryPercent: 90, batterySaver: true }))).toBe('run');
    expect(holdFor('default', on({ onBattery: true, batteryPercent: 40 }), 50)?.state).toBe('pausedBattery');
  });
});

describe('connectivity and sleep', () => {
  it('waits for the network when offline or asleep, whatever the policy, before cost or battery', () => {
    for (const policy of COST_POLICIES) {
      expect(verdict(policy, on({ online: false, cost: 'over-limit', onBattery: true, batteryPercent: 1 }))).toBe('waitingForNetwork');
      expect(holdFor(policy, on({ suspended: true }), 20)?.reason).toMatch(/going to sleep/);
    }
  });
  it('checks the network cost before the battery', () => {
    expect(verdict('default', on({ cost: 'roaming', onBattery: true, batteryPercent: 1 }))).toBe('pausedCostedNetwork');
  });
});
