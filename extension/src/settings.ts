// The options page's rules, kept in the extension's local storage.
import { settingsFrom, type CatchSettings } from './catch-rules.ts';

const KEY = 'catchSettings';

export async function loadSettings(): Promise<CatchSettings> {
  return settingsFrom((await chrome.storage.local.get(KEY))[KEY]);
}

export async function saveSettings(settings: CatchSettings): Promise<void> {
  await chrome.storage.local.set({ [KEY]: settings });
}
