// What the tray shows: a tooltip with total speed and activity, and the menu. Pure, from state.
import type { MenuItemConstructorOptions } from 'electron';
import type { Settings, TransferSnapshot } from '../../shared/model.ts';
import { userActionAllowed } from '../../shared/user-actions.ts';
import { WHEN_DONE_CHOICES, type WhenDoneChoice, type WhenDoneStatus } from '../../shared/when-done.ts';
import { DESKTOP_WORDS, type DesktopWords } from '../../shared/desktop-words.ts';

export interface TrayActions {
  show(): void;
  pauseAll(): void;
  resumeAll(): void;
  /** Switches the alternative speed limit on or off (the setting alternativeLimitOn). */
  setAlternativeLimit(on: boolean): void;
  /** "When everything is done" (one-shot, not saved). */
  setWhenDone(choice: WhenDoneChoice): void;
  quit(): void;
}

/** The submenu of "when everything is done": the host's choices as radio items, the state in the label. */
function whenDoneItem(status: WhenDoneStatus, actions: TrayActions, words: DesktopWords): MenuItemConstructorOptions {
  return {
    label: status.choice === 'nothing' ? words.whenDone : words.whenDoneState(words.whenDoneChoices[status.choice], status.countdownMs !== null),
    submenu: [
      ...WHEN_DONE_CHOICES.map((choice): MenuItemConstructorOptions => ({
        label: words.whenDoneChoices[choice],
        type: 'radio',
        checked: status.choice === choice,
        enabled: status.available.includes(choice),
        click: () => actions.setWhenDone(choice),
      })),
      { type: 'separator' },
      { label: words.whenDoneOnce, enabled: false },
    ],
  };
}

export type AlternativeLimit = Pick<Settings, 'alternativeLimitOn' | 'altDownloadLimitBytesPerSec' | 'altUploadLimitBytesPerSec'>;

const pausable = (t: TransferSnapshot): boolean => userActionAllowed('pause', t.state);

function limitText(bytesPerSecond: number, words: DesktopWords): string {
  return bytesPerSecond > 0 ? speedText(bytesPerSecond) : words.noLimit;
}

function speedText(bytesPerSecond: number): string {
  if (bytesPerSecond >= 1e6) return `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;
  if (bytesPerSecond >= 1e3) return `${Math.round(bytesPerSecond / 1e3)} KB/s`;
  return `${Math.round(bytesPerSecond)} B/s`;
}

export function trayTooltip(transfers: readonly TransferSnapshot[], words: DesktopWords = DESKTOP_WORDS.en): string {
  const running = transfers.filter((t) => t.state === 'running');
  if (running.length === 0) {
    const waiting = transfers.filter(pausable).length;
    return waiting ? words.tooltipWaiting(waiting) : words.tooltipIdle;
  }
  const speed = running.reduce((sum, t) => sum + t.speed, 0);
  return words.tooltipActive(running.length, speedText(speed));
}

export function trayMenuTemplate(transfers: readonly TransferSnapshot[], actions: TrayActions, alternative: AlternativeLimit, whenDone: WhenDoneStatus | null = null, words: DesktopWords = DESKTOP_WORDS.en): MenuItemConstructorOptions[] {
  const canPause = transfers.some(pausable);
  const canResume = transfers.some((t) => t.state === 'paused');
  
  return [
    { label: words.show, click: actions.show },
    { type: 'separator' },
    { label: words.pauseAll, enabled: canPause, click: actions.pauseAll },
    { label: words.resumeAll, enabled: canResume, click: actions.resumeAll },
    { type: 'separator' },
    {
      label: words.alternativeLimit(limitText(alternative.altDownloadLimitBytesPerSec, words), limitText(alternative.altUploadLimitBytesPerSec, words)),
      type: 'checkbox',
      checked: alternative.alternativeLimitOn,
      click: () => actions.setAlternativeLimit(!alternative.alternativeLimitOn),
    },
    { type: 'separator' },
    ...(whenDone ? [whenDoneItem(whenDone, actions, words), { type: 'separator' } as const] : []),
    { label: words.quit, click: actions.quit },
  ];
}

/** Light icon on dark panels and the reverse; macOS uses a template image it tints itself. */
export function trayIconName(platform: NodeJS.Platform, darkPanel: boolean): string {
  if (platform === 'darwin') return 'trayTemplate.png';
  return darkPanel ? 'tray-light.png' : 'tray-dark.png';
}
