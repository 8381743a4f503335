// `ferry config` when no daemon runs: read and change the settings in the home's state file
// directly, holding the home's lock so a daemon starting meanwhile cannot write over it.
import type { EngineApi } from '../../shared/api.ts';
import { SettingsPatchSchema } from '../../shared/schemas.ts';
import { TransferError } from '../engine/transfer-error.ts';
import { defaultSettings } from '../engine/transfer-service.ts';
import { ensureHome, lockHome } from './home.ts';
import { openJobStore } from './file-stores.ts';

export type SettingsApi = Pick<EngineApi, 'getSettings' | 'setSettings'> & { close(): Promise<void> };

export async function offlineSettings(home: string, warn: (message: string) => void): Promise<SettingsApi> {
  ensureHome(home);
  const release = await lockHome(home);
  const store = openJobStore(home, warn);
  const current = () => {
    const saved = SettingsPatchSchema.safeParse(store.load().settings);
    return { ...defaultSettings(), ...(saved.success ? saved.data : {}) };
  };
  return {
    getSettings: async () => current(),
    setSettings: async (patch) => {
      const parsed = SettingsPatchSchema.safeParse(patch);
      if (!parsed.success) throw new TransferError('InvalidArgument', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const state = store.load();
      store.save({ ...state, settings: { ...state.settings, ...parsed.data } });
      return current();
    },
    close: release,
  };
}
