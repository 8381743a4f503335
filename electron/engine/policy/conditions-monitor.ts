// Where the engine hears about the network and the power: one interface, one implementation per host
// and OS (conditions/ for Linux, macOS and Windows; electron/main for the desktop app's own signals).
import type { Conditions } from '../../../shared/model.ts';

export interface ConditionsMonitor {
  current(): Conditions;
  /** Called after every change (not for reads that found the same). */
  onChange(listener: (conditions: Conditions) => void): () => void;
  close(): void;
}

/** What is assumed when nothing can be read: a working, unmetered network on AC power. */
export const ASSUMED_CONDITIONS: Conditions = {
  online: true,
  cost: 'unrestricted',
  onBattery: false,
  batteryPercent: null,
  batterySaver: false,
  suspended: false,
  source: 'nothing read: assumed online, unmetered, on AC power',
};

function same(a: Conditions, b: Conditions): boolean {
  return a.online === b.online && a.cost === b.cost && a.onBattery === b.onBattery && a.batteryPercent === b.batteryPercent && a.batterySaver === b.batterySaver && a.suspended === b.suspended;
}

/** Holds the conditions a host last read and tells listeners when they change. */
export class ConditionsBox implements ConditionsMonitor {
  private value: Conditions;
  private readonly listeners = new Set<(conditions: Conditions) => void>();

  constructor(initial: Conditions = ASSUMED_CONDITIONS) {
    this.value = initial;
  }

  current(): Conditions {
    return this.value;
  }

  set(patch: Partial<Conditions>): void {
    const next = { ...this.value, ...patch };
    const changed = !same(next, this.value);
    this.value = next;
    if (changed) for (const listener of [...this.listeners]) listener(next);
  }

  onChange(listener: (conditions: Conditions) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.listeners.clear();
  }
}
