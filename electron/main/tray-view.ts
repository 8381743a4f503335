// The tray as shown: its tooltip and menu in the language the setting says, touched only when
// they change (the view is refreshed up to ten times a second). Electron's tray, Menu and the
// system's languages are injected, so tests run without Electron.
import type { MenuItemConstructorOptions } from 'electron';
import type { Settings, TransferSnapshot } from '../../shared/model.ts';
import type { WhenDoneStatus } from '../../shared/when-done.ts';
import { desktopWords, type DesktopWords } from '../../shared/desktop-words.ts';
import { trayMenuTemplate, trayTooltip, type AlternativeLimit, type TrayActions } from './tray-menu.ts';

export interface TrayLike<Menu> {
  setToolTip(text: string): void;
  setContextMenu(menu: Menu): void;
}

export type TraySettings = AlternativeLimit & Pick<Settings, 'language'>;

export class TrayView<Menu> {
  private shownTooltip = '';
  private shownMenu = '';

  private readonly tray: TrayLike<Menu>;
  private readonly buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  /** The desktop's preferred languages, most wanted first (Electron: app.getLocale, the window's first navigator.languages). */
  private readonly systemLanguages: () => readonly string[];

  constructor(tray: TrayLike<Menu>, buildMenu: (template: MenuItemConstructorOptions[]) => Menu, systemLanguages: () => readonly string[]) {
    this.tray = tray;
    this.buildMenu = buildMenu;
    this.systemLanguages = systemLanguages;
  }

  /** The main process's words for this setting: the tray's, and the notifications'. */
  words(settings: Pick<Settings, 'language'>): DesktopWords {
    return desktopWords(settings.language, this.systemLanguages());
  }

  refresh(transfers: readonly TransferSnapshot[], actions: TrayActions, settings: TraySettings, whenDone: WhenDoneStatus | null): void {
    const words = this.words(settings);
    const tooltip = trayTooltip(transfers, words);
    if (tooltip !== this.shownTooltip) this.tray.setToolTip((this.shownTooltip = tooltip));
    const menu = trayMenuTemplate(transfers, actions, settings, whenDone, words);
    // The labels are in the key: a language switch rebuilds the menu.
    const menuKey = JSON.stringify(menu, (key, value: unknown) => (key === 'click' ? undefined : value));
    if (menuKey !== this.shownMenu) {
      this.shownMenu = menuKey;
      this.tray.setContextMenu(this.buildMenu(menu));
    }
  }
}
