// The words the desktop app's main process shows by itself (the tray, its tooltip, notifications),
// in each language the window speaks. The "when everything is done" choices are the window's too.
import type { WhenDoneChoice } from './when-done.ts';
import type { LanguageSetting } from './model.ts';
import { languageFor, type Language } from './language.ts';

/** The choices of "when everything is done", as the window's menu and the tray name them. */
export const WHEN_DONE_CHOICE_WORDS: Record<Language, Record<WhenDoneChoice, string>> = {
  en: { nothing: 'Nothing', quit: 'Quit Ferry', sleep: 'Sleep', shutdown: 'Shut down' },
  de: { nothing: 'Nichts', quit: 'Ferry beenden', sleep: 'Ruhezustand', shutdown: 'Herunterfahren' },
};

export interface DesktopWords {
  show: string;
  pauseAll: string;
  resumeAll: string;
  alternativeLimit: (down: string, up: string) => string;
  noLimit: string;
  whenDone: string;
  whenDoneState: (choice: string, countingDown: boolean) => string;
  whenDoneOnce: string;
  whenDoneChoices: Record<WhenDoneChoice, string>;
  quit: string;
  tooltipIdle: string;
  tooltipWaiting: (count: number) => string;
  tooltipActive: (count: number, speed: string) => string;
  downloadComplete: string;
  uploadComplete: string;
  downloadFailed: string;
  uploadFailed: string;
  failed: string;
}

const en: DesktopWords = {
  show: 'Show Ferry',
  pauseAll: 'Pause all',
  resumeAll: 'Resume all',
  alternativeLimit: (down, up) => `Alternative speed limit (${down} down, ${up} up)`,
  noLimit: 'no limit',
  whenDone: 'When everything is done',
  whenDoneState: (choice, countingDown) => `When everything is done: ${choice}${countingDown ? ' (counting down)' : ''}`,
  whenDoneOnce: 'Once only; a restart forgets it',
  whenDoneChoices: WHEN_DONE_CHOICE_WORDS.en,
  quit: 'Quit Ferry',
  tooltipIdle: 'Ferry — idle',
  tooltipWaiting: (count) => `Ferry — ${count} waiting`,
  tooltipActive: (count, speed) => `Ferry — ${count} active, ${speed}`,
  downloadComplete: 'Download complete',
  uploadComplete: 'Upload complete',
  downloadFailed: 'Download failed',
  uploadFailed: 'Upload failed',
  failed: 'failed',
};

const de: DesktopWords = {
  show: 'Ferry anzeigen',
  pauseAll: 'Alle anhalten',
  resumeAll: 'Alle fortsetzen',
  alternativeLimit: (down, up) => `Alternatives Tempolimit (${down} herunter, ${up} hoch)`,
  noLimit: 'kein Limit',
  whenDone: 'Wenn alles fertig ist',
  whenDoneState: (choice, countingDown) => `Wenn alles fertig ist: ${choice}${countingDown ? ' (Countdown läuft)' : ''}`,
  whenDoneOnce: 'Nur einmal; ein Neustart vergisst es',
  whenDoneChoices: WHEN_DONE_CHOICE_WORDS.de,
  quit: 'Ferry beenden',
  tooltipIdle: 'Ferry — untätig',
  tooltipWaiting: (count) => `Ferry — ${count} wartend`,
  tooltipActive: (count, speed) => `Ferry — ${count} aktiv, ${speed}`,
  downloadComplete: 'Download abgeschlossen',
  uploadComplete: 'Upload abgeschlossen',
  downloadFailed: 'Download fehlgeschlagen',
  uploadFailed: 'Upload fehlgeschlagen',
  failed: 'fehlgeschlagen',
};

export const DESKTOP_WORDS: Record<Language, DesktopWords> = { en, de };

/** The desktop's words for the language setting, `system` read from the desktop's preferred languages. */
export function desktopWords(setting: LanguageSetting, systemLanguages: readonly string[]): DesktopWords {
  return DESKTOP_WORDS[languageFor(setting, systemLanguages)];
}
