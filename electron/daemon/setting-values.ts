// `ferry config`: settings as the command line writes and prints them. Speeds as `--limit-rate`
// takes them (1M, 500k, none), true/false/on/off, the schedule as JSON; each refused with a line
// that says what the setting takes.
import type { Settings } from '../../shared/model.ts';
import { RemoteError } from '../../shared/api-proxy.ts';
import { rateFlag } from './transfer-options.ts';
import { parseRunWindows, runWindowsText } from '../../shared/schedule-text.ts';

/** The names the CLI contract gives some settings (docs/ARCHITECTURE.md): `network.cost` is networkCost. */
export const SETTING_ALIASES: Record<string, keyof Settings> = {
  'network.cost': 'networkCost',
  'battery.threshold': 'batteryThreshold',
  'limit.alternative': 'alternativeLimitOn',
  'schedule.windows': 'runWindows',
  'aria2Rpc.enabled': 'aria2RpcEnabled',
  'aria2Rpc.port': 'aria2RpcPort',
  'aria2Rpc.origins': 'aria2RpcOrigins',
};

const invalid = (message: string) => new RemoteError({ status: 'InvalidArgument', message, httpStatus: null });

/** How `ferry config get` prints a value: time windows as they are typed, other lists (the limit schedule) as JSON. */
export function settingText(name: string, value: Settings[keyof Settings]): string {
  if (name === 'runWindows') return runWindowsText(value as Settings['runWindows']);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** `value` typed as the setting `name` (whose value now is `current`) takes it; the engine checks the rest. */
export function settingValue(key: string, name: keyof Settings, current: Settings[keyof Settings], value: string): unknown {
  if (name.endsWith('BytesPerSec')) return rateFlag(key, value);
  if (name === 'runWindows') {
    const windows = parseRunWindows(value);
    if ('problem' in windows) throw invalid(`${key}: ${windows.problem}`);
    return windows;
  }
  if (typeof current === 'number') {
    const number = Number(value);
    if (value.trim() === '' || Number.isNaN(number)) throw invalid(`${key} takes a number, not ${JSON.stringify(value)}`);
    return number;
  }
  if (typeof current === 'boolean') {
    if (/^(true|on|yes|1)$/i.test(value)) return true;
    if (/^(false|off|no|0)$/i.test(value)) return false;
    throw invalid(`${key} takes true or false (on or off), not ${JSON.stringify(value)}`);
  }
  if (typeof current === 'object') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw invalid(`${key} takes JSON, e.g. '[{"days":[1,2,3,4,5],"from":"09:00","to":"18:00","downloadLimitBytesPerSec":1000000,"uploadLimitBytesPerSec":0}]'`);
    }
  }
  return value;
}
