// Which state changes are allowed. Only the user takes a transfer out of `paused`; the engine
// moves it in and out of the waiting and paused-by-policy states by itself.
import { HELD_STATES, type TransferState } from '../../../shared/model.ts';

const ALLOWED: Record<TransferState, readonly TransferState[]> = {
  queued: ['running', 'paused', 'canceled', ...HELD_STATES, 'failed'],
  running: ['completed', 'failed', 'retrying', 'paused', 'canceled', 'queued', ...HELD_STATES],
  retrying: ['running', 'queued', 'paused', 'canceled', 'failed', ...HELD_STATES],
  paused: ['queued', 'canceled'],
  // A held transfer goes back to the queue, to the user's pause or cancel, or to another hold.
  waitingForNetwork: ['queued', 'paused', 'canceled', ...HELD_STATES, 'failed'],
  pausedCostedNetwork: ['queued', 'paused', 'canceled', ...HELD_STATES, 'failed'],
  pausedBattery: ['queued', 'paused', 'canceled', ...HELD_STATES, 'failed'],
  scheduled: ['queued', 'paused', 'canceled', ...HELD_STATES, 'failed'],
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
    case 'scheduled':
      return 'queued';
    default:
      return state;
  }
}
