// macOS and Windows: what each can tell, parsed from the text their own tools print (these cannot
// run here; the parsers are tested on samples in their documented formats). Connectivity on both
// from Node's view of the interfaces.
import os from 'node:os';
import type ChildProcess from 'node:child_process';
import { promisify } from 'node:util';
import type { Conditions, NetworkCost } from '../../../../shared/model.ts';

/**
 * node:child_process is taken when a tool runs, not imported: Linux never runs one here, and
 * loading it (with dgram and net's child parts) cost every `ferry get` ~5 ms of its start.
 */
const run: (file: string, args: string[], options?: ChildProcess.ExecFileOptions) => Promise<{ stdout: string }> = (file, args, options = {}) =>
  promisify(process.getBuiltinModule('node:child_process').execFile)(file, args, { ...options, encoding: 'utf8' });

/** Any interface other than loopback with an address. */
export function interfacesOnline(interfaces = os.networkInterfaces()): boolean {
  return Object.values(interfaces).some((list) => (list ?? []).some((address) => !address.internal));
}

/** `pmset -g batt`: "Now drawing from 'Battery Power'" and " -InternalBattery-0 (id=...)\t85%; discharging; ...". */
export function parsePmsetBatt(text: string): { onBattery: boolean; batteryPercent: number | null } {
  const onBattery = /drawing from 'Battery Power'/.test(text);
  const percent = /\t(\d{1,3})%;/.exec(text) ?? /\s(\d{1,3})%;/.exec(text);
  return { onBattery, batteryPercent: percent ? Number(percent[1]) : null };
}

/** `pmset -g`: the " lowpowermode 1" line (Low Power Mode, macOS 12+). */
export function parsePmsetLowPower(text: string): boolean {
  return /^\s*lowpowermode\s+1\s*$/m.test(text);
}

export async function readMacConditions(): Promise<Conditions> {
  const [batt, settings] = await Promise.all([run('pmset', ['-g', 'batt']), run('pmset', ['-g']).catch(() => ({ stdout: '' }))]);
  const power = parsePmsetBatt(batt.stdout);
  return {
    online: interfacesOnline(),
    // macOS tells an app whether its path is expensive only through Network.framework; the
    // networkCost setting says it here.
    cost: 'unrestricted',
    ...power,
    batterySaver: parsePmsetLowPower(settings.stdout),
    suspended: false,
    source: 'pmset, the network interfaces',
  };
}

/** What WINDOWS_SCRIPT prints: the connection cost (WinRT NetworkInformation) and the power status. */
export interface WindowsStatus {
  connected: boolean;
  costType: string | null;
  roaming: boolean;
  approachingLimit: boolean;
  overLimit: boolean;
  backgroundRestricted: boolean;
  acOnline: boolean | null;
  batteryPercent: number | null;
  energySaver: boolean;
}

export const WINDOWS_SCRIPT = `
$ErrorActionPreference = 'SilentlyContinue'
[void][Windows.Networking.Connectivity.NetworkInformation, Windows.Networking.Connectivity, ContentType = WindowsRuntime]
[void][Windows.System.Power.PowerManager, Windows.System.Power, ContentType = WindowsRuntime]
$profile = [Windows.Networking.Connectivity.NetworkInformation]::GetInternetConnectionProfile()
$cost = if ($profile) { $profile.GetConnectionCost() } else { $null }
Add-Type -AssemblyName System.Windows.Forms
$power = [System.Windows.Forms.SystemInformation]::PowerStatus
[pscustomobject]@{
  connected = [bool]($profile -and $profile.GetNetworkConnectivityLevel() -eq 'InternetAccess')
  costType = if ($cost) { [string]$cost.NetworkCostType } else { $null }
  roaming = [bool]$cost.Roaming
  approachingLimit = [bool]$cost.ApproachingDataLimit
  overLimit = [bool]$cost.OverDataLimit
  backgroundRestricted = [bool]$cost.BackgroundDataUsageRestricted
  acOnline = if ([string]$power.PowerLineStatus -eq 'Unknown') { $null } else { [string]$power.PowerLineStatus -eq 'Online' }
  batteryPercent = if ($power.BatteryChargeStatus -match 'NoSystemBattery') { $null } else { [int]($power.BatteryLifePercent * 100) }
  energySaver = [string][Windows.System.Power.PowerManager]::EnergySaverStatus -eq 'On'
} | ConvertTo-Json -Compress
`;

/** The cost of a Windows connection, as Windows names them. */
export function windowsCost(status: Pick<WindowsStatus, 'costType' | 'roaming' | 'approachingLimit' | 'overLimit' | 'backgroundRestricted'>): NetworkCost {
  if (status.overLimit || status.backgroundRestricted) return 'over-limit';
  if (status.roaming) return 'roaming';
  if (status.approachingLimit) return 'approaching-limit';
  // NetworkCostType: Unrestricted, Fixed (a data cap), Variable (billed per byte), Unknown.
  return status.costType === 'Fixed' || status.costType === 'Variable' ? 'metered' : 'unrestricted';
}

export function parseWindowsStatus(json: string): Conditions {
  const status = JSON.parse(json) as WindowsStatus;
  const onBattery = status.acOnline === false;
  return {
    online: status.connected,
    cost: windowsCost(status),
    onBattery,
    batteryPercent: status.batteryPercent,
    batterySaver: status.energySaver,
    suspended: false,
    source: 'Windows NetworkInformation and PowerStatus',
  };
}

export async function readWindowsConditions(): Promise<Conditions> {
  const { stdout } = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_SCRIPT], { windowsHide: true, timeout: 15_000 });
  return parseWindowsStatus(stdout.trim());
}
