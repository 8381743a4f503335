// "When everything is done": a one-shot choice of what Ferry does once no transfer is left to run
// (nothing, quit Ferry, put the computer to sleep, shut it down), after a countdown anyone can
// cancel. Kept in memory only: a restart forgets it (see electron/engine/when-done/).
import type { TransferState } from './model.ts';

export const WHEN_DONE_CHOICES = ['nothing', 'quit', 'sleep', 'shutdown'] as const;
export type WhenDoneChoice = (typeof WHEN_DONE_CHOICES)[number];
/** What the host does when the countdown ends (every choice but nothing). */
export type WhenDoneAction = Exclude<WhenDoneChoice, 'nothing'>;

/** How long the countdown gives anyone to cancel before the host acts. */
export const WHEN_DONE_COUNTDOWN_MS = 60_000;

/**
 * The states that keep "everything" from being done: a transfer that runs, waits for a slot, or
 * waits to retry. Paused (by the user) and held ones (network, cost, battery, scheduled) do not:
 * they may wait for ever, and the countdown leaves a minute to bring them back.
 */
export const WHEN_DONE_BUSY_STATES: readonly TransferState[] = ['running', 'queued', 'retrying'];

export interface WhenDoneStatus {
  choice: WhenDoneChoice;
  /** While counting down: the milliseconds left when this status was made; else null. */
  countdownMs: number | null;
  /** The choices this host can carry out (always 'nothing'; sleep and shut down where the OS allows). */
  available: WhenDoneChoice[];
  /** The last time the action could not be carried out, in words; null otherwise. */
  problem: string | null;
}
