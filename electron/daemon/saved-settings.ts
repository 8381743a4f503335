// Reads settings saved by the daemon (`ferry config set`) so `ferry get` honours them too.
import fs from 'node:fs';
import path from 'node:path';
import type { Settings } from '../../shared/model.ts';
import { SettingsPatchSchema } from '../../shared/schemas.ts';

export function readSavedSettings(home: string): Partial<Settings> {
  try {
    const raw = JSON.parse(fs.readFileSync(path.join(home, 'state.json'), 'utf8')) as { settings?: unknown };
    const parsed = SettingsPatchSchema.safeParse(raw.settings ?? {});
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
