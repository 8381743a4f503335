// What each OS says of the network and the power, parsed. Linux's sysfs is read from folders made
// here (FERRY_POWER_SUPPLY_DIR and /sys/class/net's layout); macOS's pmset and Windows' PowerShell
// output cannot be produced on this machine: the samples in test/fixtures/os-samples/ follow the
// formats those tools print (pmset's documented text; the JSON WINDOWS_SCRIPT emits).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/engine.ts';
import { hasLinkUp, readPowerSupplies } from '../../electron/engine/policy/conditions/linux-sysfs.ts';
import { interfacesOnline, parsePmsetBatt, parsePmsetLowPower, parseWindowsStatus, windowsCost } from '../../electron/engine/policy/conditions/other-os.ts';

const SAMPLES = path.resolve(import.meta.dirname, '../fixtures/os-samples');
const sample = (name: string) => fs.readFileSync(path.join(SAMPLES, name), 'utf8');

let dir: string;
beforeEach(() => {
  dir = tempDir('ferry-sysfs-');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function supply(name: string, files: Record<string, string>): void {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  for (const [file, value] of Object.entries(files)) fs.writeFileSync(path.join(dir, name, file), `${value}\n`);
}

describe('Linux /sys/class/power_supply', () => {
  it('a laptop unplugged: on battery at its capacity', () => {
    supply('AC', { type: 'Mains', online: '0' });
    supply('BAT0', { type: 'Battery', capacity: '15', status: 'Discharging' });
    expect(readPowerSupplies(dir)).toEqual({ onBattery: true, batteryPercent: 15 });
  });
  it('plugged in, charging: on AC', () => {
    supply('AC', { type: 'Mains', online: '1' });
    supply('BAT0', { type: 'Battery', capacity: '60', status: 'Charging' });
    expect(readPowerSupplies(dir)).toEqual({ onBattery: false, batteryPercent: 60 });
  });
  it('two batteries average; a mouse battery (scope Device) does not count', () => {
    supply('AC', { type: 'Mains', online: '0' });
    supply('BAT0', { type: 'Battery', capacity: '10', status: 'Discharging' });
    supply('BAT1', { type: 'Battery', capacity: '30', status: 'Discharging' });
    supply('hidpp_battery_0', { type: 'Battery', scope: 'Device', capacity: '100', status: 'Discharging' });
    expect(readPowerSupplies(dir)).toEqual({ onBattery: true, batteryPercent: 20 });
  });
  it('a desktop (no supply at all, or the folder missing): nothing known', () => {
    expect(readPowerSupplies(dir)).toBeNull();
    expect(readPowerSupplies(path.join(dir, 'missing'))).toBeNull();
  });
});

describe('Linux /sys/class/net', () => {
  const link = (name: string, operstate: string, carrier?: string) => {
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    fs.writeFileSync(path.join(dir, name, 'operstate'), `${operstate}\n`);
    if (carrier) fs.writeFileSync(path.join(dir, name, 'carrier'), `${carrier}\n`);
  };
  it('online with a link up besides loopback; a tun reporting unknown counts when it has a carrier', () => {
    link('lo', 'unknown', '1');
    link('eth0', 'down', '0');
    expect(hasLinkUp(dir)).toBe(false);
    link('tun0', 'unknown', '1');
    expect(hasLinkUp(dir)).toBe(true);
  });
  it('a veth whose peer went down (lowerlayerdown) is offline', () => {
    link('lo', 'unknown', '1');
    link('veth0', 'lowerlayerdown', '0');
    expect(hasLinkUp(dir)).toBe(false);
    link('wlan0', 'up', '1');
    expect(hasLinkUp(dir)).toBe(true);
  });
});

describe('macOS pmset', () => {
  it('reads the power source and the level', () => {
    expect(parsePmsetBatt(sample('pmset-batt-battery.txt'))).toEqual({ onBattery: true, batteryPercent: 15 });
    expect(parsePmsetBatt(sample('pmset-batt-ac.txt'))).toEqual({ onBattery: false, batteryPercent: 100 });
    expect(parsePmsetBatt(sample('pmset-batt-desktop.txt'))).toEqual({ onBattery: false, batteryPercent: null });
  });
  it('reads Low Power Mode', () => {
    expect(parsePmsetLowPower(sample('pmset-g.txt'))).toBe(true);
    expect(parsePmsetLowPower(sample('pmset-g.txt').replace('lowpowermode         1', 'lowpowermode         0'))).toBe(false);
  });
});

describe('Windows connection cost and power status', () => {
  it('maps NetworkCostType and its flags to the cost table', () => {
    const base = { costType: 'Unrestricted', roaming: false, approachingLimit: false, overLimit: false, backgroundRestricted: false };
    expect(windowsCost(base)).toBe('unrestricted');
    expect(windowsCost({ ...base, costType: 'Fixed' })).toBe('metered');
    expect(windowsCost({ ...base, costType: 'Variable' })).toBe('metered');
    expect(windowsCost({ ...base, costType: 'Fixed', approachingLimit: true })).toBe('approaching-limit');
    expect(windowsCost({ ...base, roaming: true })).toBe('roaming');
    expect(windowsCost({ ...base, overLimit: true })).toBe('over-limit');
    expect(windowsCost({ ...base, backgroundRestricted: true })).toBe('over-limit');
  });
  it('parses what the script prints', () => {
    expect(parseWindowsStatus(sample('windows-status-metered.json'))).toMatchObject({ online: true, cost: 'approaching-limit', onBattery: true, batteryPercent: 42, batterySaver: false });
    expect(parseWindowsStatus(sample('windows-status-desktop.json'))).toMatchObject({ online: true, cost: 'unrestricted', onBattery: false, batteryPercent: null });
    expect(parseWindowsStatus(sample('windows-status-offline.json'))).toMatchObject({ online: false, onBattery: true, batteryPercent: 8, batterySaver: true });
  });
});

it('Node\'s interfaces: online with any address that is not internal', () => {
  const lo = { address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' } as const;
  expect(interfacesOnline({ lo: [lo] })).toBe(false);
  expect(interfacesOnline({ lo: [lo], en0: [{ ...lo, address: '192.168.1.20', internal: false, cidr: '192.168.1.20/24' }] })).toBe(true);
});
