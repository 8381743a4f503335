// The desktop app's own words (tray, tooltip, notifications) follow the window's language setting:
// German when it says German, or says `system` and the desktop prefers German; English otherwise;
// and a change of the setting rebuilds the tray menu in the new language.
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { LanguageSetting, TransferSnapshot } from '../../shared/model.ts';
import { DESKTOP_WORDS, desktopWords, WHEN_DONE_CHOICE_WORDS } from '../../shared/desktop-words.ts';
import { TrayView } from '../../electron/main/tray-view.ts';
import { noticesFor } from '../../electron/main/desktop-signals.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { de } from '../../renderer/src/i18n/de.ts';

const snap = (id: string, state: TransferSnapshot['state'], extra: Partial<TransferSnapshot> = {}) =>
  ({ id, kind: 'download', url: `https://h/${id}.bin`, path: null, state, bytesTransferred: 50, totalBytes: 100, speed: 2_500_000, eta: 1, error: null, ...extra }) as TransferSnapshot;

const actions = { show: () => undefined, pauseAll: () => undefined, resumeAll: () => undefined, setAlternativeLimit: () => undefined, setWhenDone: () => undefined, quit: () => undefined };
const limits = { alternativeLimitOn: false, altDownloadLimitBytesPerSec: 1_000_000, altUploadLimitBytesPerSec: 0 };
const whenDone = { choice: 'nothing' as const, countdownMs: null, available: ['nothing' as const, 'quit' as const], problem: null };

/** A tray view on a stand-in tray: what it was last given, and how many menus it was given. */
function standIn(systemLanguages: readonly string[]) {
  const shown = { tooltip: '', menu: [] as MenuItemConstructorOptions[], menusBuilt: 0 };
  const view = new TrayView<MenuItemConstructorOptions[]>(
    { setToolTip: (text) => void (shown.tooltip = text), setContextMenu: (menu) => void (shown.menu = menu) },
    (template) => (shown.menusBuilt++, template),
    () => systemLanguages,
  );
  const labels = (): string[] => shown.menu.map((m) => m.label ?? '-');
  return { shown, view, labels };
}

const settings = (language: LanguageSetting) => ({ ...limits, language });

describe('the desktop app speaks the language of the setting', () => {
  it('the tray menu and tooltip are German when the setting is German, whatever the system prefers', () => {
    const { shown, view, labels } = standIn(['en-US']);
    view.refresh([snap('a', 'running')], actions, settings('de'), whenDone);
    expect(labels()).toEqual(['Ferry anzeigen', '-', 'Alle anhalten', 'Alle fortsetzen', '-', 'Alternatives Tempolimit (1.0 MB/s herunter, kein Limit hoch)', '-', 'Wenn alles fertig ist', '-', 'Ferry beenden']);
    const sub = shown.menu.find((m) => m.label === 'Wenn alles fertig ist')!.submenu as MenuItemConstructorOptions[];
    expect(sub.map((m) => m.label ?? '-')).toEqual(['Nichts', 'Ferry beenden', 'Ruhezustand', 'Herunterfahren', '-', 'Nur einmal; ein Neustart vergisst es']);
    expect(shown.tooltip).toBe('Ferry — 1 aktiv, 2.5 MB/s');
  });

  it('is English when the setting is English, or `system` on a desktop that prefers another language', () => {
    for (const [setting, system] of [['en', ['de-DE']], ['system', ['en-GB', 'de-DE']], ['system', ['fr-FR']], ['system', []]] as const) {
      const { shown, view, labels } = standIn(system);
      view.refresh([], actions, settings(setting), null);
      expect(labels(), `${setting} on ${system.join(',')}`).toEqual(['Show Ferry', '-', 'Pause all', 'Resume all', '-', 'Alternative speed limit (1.0 MB/s down, no limit up)', '-', 'Quit Ferry']);
      expect(shown.tooltip).toBe('Ferry — idle');
    }
  });

  it('`system` follows the desktop\'s most wanted language: German for de and de-*', () => {
    for (const system of [['de-DE', 'en-US'], ['de'], ['de-AT']]) {
      const { view, labels } = standIn(system);
      view.refresh([], actions, settings('system'), null);
      expect(labels()[0], system.join(',')).toBe('Ferry anzeigen');
    }
  });

  it('switches at runtime: a changed setting rebuilds the menu in the new language, an unchanged one leaves it', () => {
    const { shown, view, labels } = standIn(['en-US']);
    view.refresh([], actions, settings('system'), null);
    view.refresh([], actions, settings('system'), null);
    expect(shown.menusBuilt).toBe(1);
    expect(labels()[0]).toBe('Show Ferry');
    view.refresh([], actions, settings('de'), null);
    expect(shown.menusBuilt).toBe(2);
    expect(labels()[0]).toBe('Ferry anzeigen');
    expect(shown.tooltip).toBe('Ferry — untätig');
    view.refresh([], actions, settings('en'), null);
    expect(shown.menusBuilt).toBe(3);
    expect(labels()).toContain('Quit Ferry');
    expect(shown.tooltip).toBe('Ferry — idle');
  });

  it('a completion and a failure are notified in the setting\'s language, switching with it', () => {
    const view = standIn(['en-US']).view;
    const before = new Map([['a', 'running' as const], ['b', 'running' as const], ['u', 'running' as const]]);
    const changed = [snap('a', 'completed'), snap('u', 'completed', { kind: 'upload' }), snap('b', 'failed', { error: null })];
    expect(noticesFor((id) => before.get(id), changed, view.words({ language: 'de' }))).toEqual([
      { id: 'a', title: 'Download abgeschlossen', body: 'a.bin' },
      { id: 'u', title: 'Upload abgeschlossen', body: 'u.bin' },
      { id: 'b', title: 'Download fehlgeschlagen', body: 'b.bin: fehlgeschlagen' },
    ]);
    expect(noticesFor((id) => before.get(id), changed, view.words({ language: 'system' })).map((n) => n.title)).toEqual(['Download complete', 'Upload complete', 'Download failed']);
    expect(noticesFor((id) => before.get(id), changed, desktopWords('system', ['de-CH'])).map((n) => n.title)).toEqual(['Download abgeschlossen', 'Upload abgeschlossen', 'Download fehlgeschlagen']);
  });

  it('the window and the tray name the "when everything is done" choices from one list, and every German word differs from the English', () => {
    expect(en.whenDone.choices).toBe(WHEN_DONE_CHOICE_WORDS.en);
    expect(de.whenDone.choices).toBe(WHEN_DONE_CHOICE_WORDS.de);
    expect(DESKTOP_WORDS.en.whenDoneChoices).toBe(WHEN_DONE_CHOICE_WORDS.en);
    expect(DESKTOP_WORDS.de.whenDoneChoices).toBe(WHEN_DONE_CHOICE_WORDS.de);
    const words = (catalog: typeof DESKTOP_WORDS.en): string[] =>
      Object.values(catalog).map((w: unknown) => (typeof w === 'function' ? String((w as (...a: unknown[]) => unknown)('X', 'Y')) : JSON.stringify(w)));
    const english = words(DESKTOP_WORDS.en);
    words(DESKTOP_WORDS.de).forEach((german, i) => expect(german, english[i]).not.toBe(english[i]));
  });
});
