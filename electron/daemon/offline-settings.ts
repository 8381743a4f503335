// `ferry config` when no daemon runs: read and change the settings in the home's state file
// directly, holding the home's lock so a daemon starting meanwhile cannot write over it.
import type { EngineApi } from '../../shared/api.ts';
import { applySettingsPatch, defaultSettings, savedSettings } from '../engine/service/settings.ts';
import { ensureHome, lockHome } from './home.ts';
import { openHomeStores } from './file-stores.ts';
import { desktopHomeRefusal } from './home-owner.ts';
import { TransferError } from '../engine/errors/transfer-error.ts';

export type SettingsApi = Pick<EngineApi, 'getSettings' | 'setSettings'> & { close(): Promise<void> };

export async function offlineSettings(home: string, warn: (message: string) => void): Promise<SettingsApi> {
  ensureHome(home, warn);
  const desktops = desktopHomeRefusal(home);
  if (desktops) throw new TransferError('InvalidArgument', desktops);
  const release = await lockHome(home);
  const { store, secrets } = openHomeStores(home, warn);
  const saved = () => savedSettings(store.load().settings) ?? {};
  return {
    getSettings: async () => ({ ...defaultSettings(), ...saved() }),
    setSettings: async (patch) => {
      const settings = applySettingsPatch(saved(), patch);
      store.save({ ...store.load(), settings });
      await store.flush();
      return { ...defaultSettings(), ...settings };
    },
    close: async () => {
      // The secrets change only when records were set aside from a damaged state file.
      await Promise.all([store.flush(), secrets.flush()]);
      await release();
    },
  };
}
