// The words of the UI: one catalog per language (en.ts is the shape every translation copies; de.ts
// is German). Components take every word they show from `t`, never a literal of their own
// (test/renderer/no-literals.test.ts holds them to it). `t` is a live binding: `setLanguage` sets it
// before the tree renders, and the tree renders again (keyed by the language) when it changes.
import { LANGUAGE_SETTINGS, type LanguageSetting } from '../../../shared/model.ts';
import { languageFor, type Language } from '../../../shared/language.ts';
import { en, type Catalog } from './en.ts';
import { de } from './de.ts';

export type { Catalog };
export type { Language };
export { languageFor };

export const CATALOGS: Record<Language, Catalog> = { en, de };
/** Each language by its own name, the same in every catalog (a German reader looks for "Deutsch"). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', de: 'Deutsch' };

/**
 * The browser's or the desktop's preferred languages, most wanted first ("de-DE", "en-US"). None
 * outside a page: Node has a navigator too (from LANG), but its tests read the English words.
 */
export function systemLanguages(): readonly string[] {
  if (typeof navigator === 'undefined' || typeof document === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : navigator.language ? [navigator.language] : [];
}

const REMEMBERED = 'ferry.language';
const storage = (): Pick<Storage, 'getItem' | 'setItem'> | null => (typeof localStorage === 'undefined' ? null : localStorage);

/**
 * The language setting as this page last saw it (`system` if never, or unreadable): the words of
 * the first paint, before the host's settings arrive, so a chosen language does not flash the other.
 */
export function rememberedSetting(store = storage()): LanguageSetting {
  try {
    const value = store?.getItem(REMEMBERED);
    return (LANGUAGE_SETTINGS as readonly unknown[]).includes(value) ? (value as LanguageSetting) : 'system';
  } catch {
    return 'system';
  }
}

export function rememberSetting(setting: LanguageSetting, store = storage()): void {
  try {
    store?.setItem(REMEMBERED, setting);
  } catch {
    // Not remembered: the next first paint follows the system until the settings arrive.
  }
}

export let t: Catalog = CATALOGS[languageFor(rememberedSetting(), systemLanguages())];
export let language: Language = t === de ? 'de' : 'en';

/** Makes `t` speak `next` (and tells the page, for screen readers and hyphenation). */
export function setLanguage(next: Language): void {
  t = CATALOGS[next];
  language = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}
