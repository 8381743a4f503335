// Settings: the built-in defaults, and the validated patch of them a user saved.
import os from 'node:os';
import path from 'node:path';
import type { Settings } from '../../../shared/model.ts';
import { DEFAULT_CATEGORIES } from '../../../shared/categories.ts';
import { SettingsPatchSchema, type SettingsPatch } from '../../../shared/schemas.ts';
import { TransferError } from '../errors/transfer-error.ts';
import { firstIssue } from '../intake/validation.ts';

export function defaultSettings(): Settings {
  return {
    maxConcurrent: 4,
    retries: 3,
    retryBaseDelayMs: 1000,
    retryMaxDelayMs: 60_000,
    connectTimeoutMs: 5 * 60_000,
    responseTimeoutMs: 2 * 60_000,
    stallTimeoutMs: 30_000,
    speedFloorBytesPerSec: 1000,
    speedFloorWindowMs: 60_000,
    maxConnectionsPerServer: 16,
    categories: DEFAULT_CATEGORIES,
    downloadLimitBytesPerSec: 0,
    uploadLimitBytesPerSec: 0,
    altDownloadLimitBytesPerSec: 0,
    altUploadLimitBytesPerSec: 0,
    alternativeLimitOn: false,
    limitSchedule: [],
    runWindows: [],
    downloadDir: path.join(os.homedir(), 'Downloads'),
    preventSleep: true,
    theme: 'system',
    density: 'comfortable',
    language: 'system',
    stagingMaxBytes: 4 * 1024 ** 3,
    keepFinished: 1000,
    networkCost: 'auto',
    batteryThreshold: 20,
    ftpTls: 'auto',
    proxy: 'system',
    pacUrl: '',
    noProxy: '',
    aria2RpcEnabled: false,
    aria2RpcPort: 6800,
    aria2RpcOrigins: '',
  };
}

/** The saved patch as read from a store, or null when it is not one Ferry wrote. */
export function savedSettings(raw: unknown): SettingsPatch | null {
  // Nothing saved (a new home, a `ferry get` job): nothing to check, and no schema to build for it.
  if (raw === undefined || raw === null || (typeof raw === 'object' && !Array.isArray(raw) && Object.getPrototypeOf(raw) === Object.prototype && Object.keys(raw).length === 0)) return {};
  const parsed = SettingsPatchSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : null;
}

/** `saved` with `patch` applied; a patch that does not validate is refused with InvalidArgument. */
export function applySettingsPatch(saved: SettingsPatch, patch: unknown): SettingsPatch {
  const parsed = SettingsPatchSchema.safeParse(patch);
  if (!parsed.success) throw new TransferError('InvalidArgument', firstIssue(parsed.error, 'invalid settings').message);
  return { ...saved, ...parsed.data };
}
