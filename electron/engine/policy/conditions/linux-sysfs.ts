// Linux without D-Bus services: the power from /sys/class/power_supply (FERRY_POWER_SUPPLY_DIR may
// point elsewhere, for tests), and connectivity from the links in /sys/class/net.
import fs from 'node:fs';
import path from 'node:path';

export interface PowerReading {
  onBattery: boolean;
  batteryPercent: number | null;
}

function read(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/** The entries of a /sys folder, or null when it cannot be read. */
function entries(dir: string): string[] | null {
  try {
    return fs.readdirSync(dir);
  } catch {
    return null;
  }
}

/** On battery when no mains supply is online and a battery discharges; null when there is no supply at all. */
export function readPowerSupplies(dir = process.env['FERRY_POWER_SUPPLY_DIR'] ?? '/sys/class/power_supply'): PowerReading | null {
  const names = entries(dir);
  if (!names) return null;
  let mainsOnline = false;
  let anyMains = false;
  let discharging = false;
  const levels: number[] = [];
  for (const name of names) {
    const type = read(path.join(dir, name, 'type'));
    if (type === 'Mains' || type === 'USB') {
      anyMains = true;
      if (read(path.join(dir, name, 'online')) === '1') mainsOnline = true;
    } else if (type === 'Battery' && read(path.join(dir, name, 'scope')) !== 'Device') {
      const capacity = Number(read(path.join(dir, name, 'capacity')));
      if (Number.isFinite(capacity)) levels.push(capacity);
      if (read(path.join(dir, name, 'status')) === 'Discharging') discharging = true;
    }
  }
  if (!anyMains && levels.length === 0) return null;
  const onBattery = levels.length > 0 && !mainsOnline && (discharging || anyMains);
  return { onBattery, batteryPercent: levels.length ? levels.reduce((a, b) => a + b, 0) / levels.length : null };
}

/**
 * True when a network interface other than loopback is up (operstate "up", or "unknown" with a
 * carrier, as tun and some drivers report); null when /sys/class/net cannot be read. A LAN without a
 * default route counts as online: its servers are reachable.
 */
export function hasLinkUp(sysNet = process.env['FERRY_SYS_NET_DIR'] ?? '/sys/class/net'): boolean | null {
  const names = entries(sysNet);
  if (!names) return null;
  return names.some((iface) => {
    if (iface === 'lo') return false;
    const state = read(path.join(sysNet, iface, 'operstate'));
    return state === 'up' || (state === 'unknown' && read(path.join(sysNet, iface, 'carrier')) === '1');
  });
}
