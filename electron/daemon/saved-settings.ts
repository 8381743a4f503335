// Reads settings saved by the daemon (`ferry config set`) so `ferry get` honours them too. Read
// without the home's lock on purpose: a running daemon holds it.
import fs from 'node:fs';
import path from 'node:path';
import type { SettingsPatch } from '../../shared/schemas.ts';
import { savedSettings } from '../engine/service/settings.ts';

export function readSavedSettings(home: string): SettingsPatch {
  try {
    const raw = JSON.parse(fs.readFileSync(path.join(home, 'state.json'), 'utf8')) as { settings?: unknown };
    return savedSettings(raw.settings) ?? {};
  } catch {
    return {};
  }
}
