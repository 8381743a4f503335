// The desktop app's monitor with Electron's objects injected: net.isOnline() flips, powerMonitor's
// suspend/resume and on-battery/on-ac, over the OS monitor's battery level and cost.
import { EventEmitter } from 'node:events';
import { expect, it } from 'vitest';
import { ElectronConditions } from '../../electron/main/electron-conditions.ts';
import { ASSUMED_CONDITIONS, ConditionsBox } from '../../electron/engine/policy/conditions-monitor.ts';
import type { Conditions } from '../../shared/model.ts';

function fakes() {
  let online = true;
  let battery = false;
  const power = Object.assign(new EventEmitter(), { isOnBatteryPower: () => battery });
  return {
    net: { isOnline: () => online },
    powerMonitor: power,
    setOnline: (value: boolean) => (online = value),
    setBattery: (value: boolean) => (battery = value),
  };
}

it('follows isOnline polled, trusts false at once and true only where the OS agrees', async () => {
  const electron = fakes();
  const base = new ConditionsBox({ ...ASSUMED_CONDITIONS, source: 'NetworkManager' });
  const monitor = new ElectronConditions(base, electron, 20);
  const seen: Conditions[] = [];
  monitor.onChange((c) => seen.push(c));
  try {
    expect(monitor.current()).toMatchObject({ online: true, source: 'Electron (net, powerMonitor), NetworkManager' });
    electron.setOnline(false);
    await expect.poll(() => monitor.current().online).toBe(false);
    electron.setOnline(true);
    await expect.poll(() => monitor.current().online).toBe(true);
    base.set({ online: false });
    expect(monitor.current().online).toBe(false);
    expect(seen.map((c) => c.online)).toEqual([false, true, false]);
  } finally {
    monitor.close();
  }
});

it('suspend pauses everything until resume; on-battery and on-ac come from powerMonitor, the level from the OS', () => {
  const electron = fakes();
  const base = new ConditionsBox({ ...ASSUMED_CONDITIONS, batteryPercent: 12 });
  const monitor = new ElectronConditions(base, electron, 60_000);
  try {
    electron.powerMonitor.emit('suspend');
    expect(monitor.current().suspended).toBe(true);
    electron.powerMonitor.emit('resume');
    expect(monitor.current().suspended).toBe(false);
    electron.setBattery(true);
    electron.powerMonitor.emit('on-battery');
    expect(monitor.current()).toMatchObject({ onBattery: true, batteryPercent: 12 });
    electron.setBattery(false);
    electron.powerMonitor.emit('on-ac');
    expect(monitor.current().onBattery).toBe(false);
  } finally {
    monitor.close();
  }
  expect(electron.powerMonitor.listenerCount('suspend')).toBe(0);
});
