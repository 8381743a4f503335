// Which user command applies in which state: the engine enforces it, the UI and tray offer only
// the buttons and menu items it allows.
import type { TransferState } from './model.ts';

export const USER_ACTIONS = {
  pause: ['queued', 'running', 'retrying', 'waitingForNetwork', 'pausedCostedNetwork', 'pausedBattery', 'scheduled'],
  resume: ['paused', 'failed'],
  cancel: ['queued', 'running', 'retrying', 'paused', 'waitingForNetwork', 'pausedCostedNetwork', 'pausedBattery', 'scheduled', 'failed'],
  restart: ['queued', 'running', 'retrying', 'paused', 'waitingForNetwork', 'pausedCostedNetwork', 'pausedBattery', 'scheduled', 'completed', 'canceled', 'failed'],
  /** A new address (a download's): not while it runs (pause it first), nor once it is done. */
  setUrl: ['queued', 'retrying', 'paused', 'waitingForNetwork', 'pausedCostedNetwork', 'pausedBattery', 'scheduled', 'failed'],
} as const satisfies Record<string, readonly TransferState[]>;
export type UserAction = keyof typeof USER_ACTIONS;

export function userActionAllowed(action: UserAction, state: TransferState): boolean {
  return (USER_ACTIONS[action] as readonly TransferState[]).includes(state);
}
