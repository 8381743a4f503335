// What Linux says of the network and the power: D-Bus services where they run, sysfs where they
// do not (read every few seconds by polling-monitor.ts). The network's cost is metered or unrestricted here (NetworkManager
// knows no data limits); the networkCost setting says more when the user knows it.
import type { Conditions } from '../../../../shared/model.ts';
import { ASSUMED_CONDITIONS } from '../conditions-monitor.ts';
import type { LinuxDbus } from './linux-dbus.ts';
import { hasLinkUp, readPowerSupplies } from './linux-sysfs.ts';

export async function readLinuxConditions(dbus: LinuxDbus): Promise<Conditions> {
  const fromDbus = await dbus.read();
  const sources: string[] = [];
  let online = ASSUMED_CONDITIONS.online;
  let metered = false;
  if (fromDbus.network) {
    ({ online, metered } = fromDbus.network);
    sources.push('NetworkManager');
  } else {
    const link = hasLinkUp();
    if (link !== null) {
      online = link;
      sources.push('/sys/class/net');
    }
  }
  let power = fromDbus.power;
  if (power) sources.push('UPower');
  else {
    power = readPowerSupplies();
    if (power) sources.push('/sys/class/power_supply');
  }
  if (fromDbus.batterySaver !== null) sources.push('power-profiles-daemon');
  return {
    online,
    cost: metered ? 'metered' : 'unrestricted',
    onBattery: power?.onBattery ?? false,
    batteryPercent: power?.batteryPercent ?? null,
    batterySaver: fromDbus.batterySaver ?? false,
    suspended: dbus.sleeping,
    source: sources.length ? sources.join(', ') : ASSUMED_CONDITIONS.source,
  };
}
