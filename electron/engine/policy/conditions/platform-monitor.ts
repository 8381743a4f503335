// The monitor for this OS (README "Network and battery" says what each supports).
import type { ConditionsMonitor } from '../conditions-monitor.ts';
import { ConditionsBox } from '../conditions-monitor.ts';
import { PollingMonitor } from './polling-monitor.ts';
import { readLinuxConditions } from './linux-monitor.ts';
import { LinuxDbus } from './linux-dbus.ts';
import { readMacConditions, readWindowsConditions } from './other-os.ts';

export async function platformMonitor(platform = process.platform): Promise<ConditionsMonitor> {
  if (platform === 'linux') {
    const dbus = new LinuxDbus();
    const monitor: PollingMonitor = new PollingMonitor(
      async () => {
        // Each read also (re)tries to follow logind's sleep signal and the services' property
        // changes, each of which then reads at once.
        dbus.watchSleep(() => monitor.refresh());
        dbus.watchChanges(() => monitor.refresh());
        return readLinuxConditions(dbus);
      },
      () => dbus.close(),
      () => dbus.followsAllChanges(),
    );
    return monitor.start();
  }
  // Windows' PowerShell takes a while to start: poll it less often.
  if (platform === 'win32') return new PollingMonitor(readWindowsConditions).start(Number(process.env['FERRY_CONDITIONS_POLL_MS'] ?? 10_000));
  if (platform === 'darwin') return new PollingMonitor(readMacConditions).start();
  return new ConditionsBox();
}
