// The desktop app's monitor: the OS's own (policy/conditions/platform-monitor.ts, for the battery level,
// battery saver and the network's cost, which Electron does not give), corrected by Electron's
// signals: net.isOnline() polled (false is reliable, true is not, and the main process has no change
// event), and powerMonitor's suspend/resume and on-ac/on-battery. Electron's objects are injected.
import type { Conditions } from '../../shared/model.ts';
import { ConditionsBox, type ConditionsMonitor } from '../engine/policy/conditions-monitor.ts';

export interface ElectronPower {
  on(event: 'suspend' | 'resume' | 'on-ac' | 'on-battery', listener: () => void): unknown;
  off(event: 'suspend' | 'resume' | 'on-ac' | 'on-battery', listener: () => void): unknown;
  isOnBatteryPower(): boolean;
}

export interface ElectronNet {
  isOnline(): boolean;
}

export class ElectronConditions implements ConditionsMonitor {
  private readonly box: ConditionsBox;
  private readonly base: ConditionsMonitor;
  private readonly net: ElectronNet;
  private readonly power: ElectronPower;
  private suspended = false;
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(base: ConditionsMonitor, electron: { net: ElectronNet; powerMonitor: ElectronPower }, pollMs = 2000) {
    this.base = base;
    this.net = electron.net;
    this.power = electron.powerMonitor;
    this.box = new ConditionsBox(this.combine());
    const refresh = () => this.box.set(this.combine());
    const onSuspend = () => {
      this.suspended = true;
      refresh();
    };
    const onResume = () => {
      this.suspended = false;
      refresh();
    };
    for (const [event, listener] of [['suspend', onSuspend], ['resume', onResume], ['on-ac', refresh], ['on-battery', refresh]] as const) {
      this.power.on(event, listener);
      this.unsubscribe.push(() => this.power.off(event, listener));
    }
    this.unsubscribe.push(base.onChange(refresh));
    this.timer = setInterval(refresh, pollMs);
    this.timer.unref();
  }

  private combine(): Conditions {
    const read = this.base.current();
    return {
      ...read,
      // Electron's "offline" is trusted at once; its "online" only where the OS agrees.
      online: this.net.isOnline() && read.online,
      onBattery: this.power.isOnBatteryPower(),
      suspended: this.suspended,
      source: `Electron (net, powerMonitor), ${read.source}`,
    };
  }

  current(): Conditions {
    return this.box.current();
  }

  onChange(listener: (conditions: Conditions) => void): () => void {
    return this.box.onChange(listener);
  }

  close(): void {
    clearInterval(this.timer);
    for (const off of this.unsubscribe) off();
    this.base.close();
    this.box.close();
  }
}
