// Which state changes are allowed. Only the user takes a transfer out of `paused`; the engine
// moves it in and out of the waiting and paused-by-policy states by itself.
import type { TransferState } from '../../../shared/model.ts';

const ALLOWED: Record<TransferState, readonly TransferState[]> = {
  queued: ['running', 'paused', 'canceled', 'waitingForNetwork', 'pausedCostedNetwork', 'pausedBattery', 'failed'],
  running: ['completed', 'failed', 'retrying', 'paused', 'canceled', 'queued', 'waitingForNetwork', 'pausedCostedNetwork', 'pausedBattery'],
  retrying: ['running', 'queued', 'paused', 'canceled', 'failed', 'waitingForNetwork', 'pausedCostedNetwork', 'pausedBattery'],
  paused: ['queued', 'canceled'],
  waitingForNetwork: ['queued', 'paused', 'canceled', 'pausedCostedNetwork', 'pausedBattery', 'failed'],
  pausedCostedNetwork: ['queued', 'paused', 'canceled', 'waitingForNetwork', 'pausedBattery', 'failed'],
  pausedBattery: ['queued', 'paused', 'canceled', 'waitingForNetwork', 'pausedCostedNetwork', 'failed'],
  completed: ['queued'],
  canceled: ['queued'],
  failed: ['queued', 'canceled'],
};

export function canTransition(from: TransferState, to: TransferState): boolean {
  return from === to || ALLOWED[from].includes(to);
}

/** States in which a transfer counts toward the live limit of 200. */
export function isLive(state: TransferState): boolean {
  return state !== 'completed' && state !== 'canceled' && state !== 'failed';
}

export { USER_ACTIONS, userActionAllowed, type UserAction } from '../../../shared/user-actions.ts';

/** On a new launch: what a persisted state becomes. Work in progress continues; user pauses hold. */
export function stateOnReattach(state: TransferState): TransferState {
  switch (state) {
    case 'running':
    case 'retrying':
    case 'waitingForNetwork':
    case 'pausedCostedNetwork':
    case 'pausedBattery':
      return 'queued';
    default:
      return state;
  }
}
