// Which language a language setting means: one rule for the window (renderer/src/i18n) and the
// desktop app's own words (tray, notifications: shared/desktop-words.ts).
import type { LanguageSetting } from './model.ts';

export type Language = 'en' | 'de';

/** The language a setting means: its own when it names one; for `system`, German when the most wanted language is German (`de`, `de-*`), else English. */
export function languageFor(setting: LanguageSetting, preferred: readonly string[]): Language {
  if (setting !== 'system') return setting;
  return /^de(-|$)/i.test(preferred[0] ?? '') ? 'de' : 'en';
}
