// "When everything is done" in words, for `ferry when-done` and the daemon's own announcements.
import type { WhenDoneAction, WhenDoneStatus } from '../../shared/when-done.ts';

const DOING: Record<WhenDoneAction, string> = { quit: 'stop the daemon', sleep: 'put the computer to sleep', shutdown: 'shut the computer down' };

export function whenDoneLine(status: WhenDoneStatus): string {
  const problem = status.problem ? ` (last time: ${status.problem})` : '';
  if (status.choice === 'nothing') return `when everything is done: nothing${problem}`;
  const what = DOING[status.choice];
  if (status.countdownMs === null) return `when everything is done: ${what} (not saved: a restart forgets it; cancel with "ferry when-done nothing")`;
  return `everything is done: Ferry will ${what} in ${Math.ceil(status.countdownMs / 1000)} s; cancel with "ferry when-done nothing"`;
}

/** What the daemon prints as it acts. */
export function whenDoneActing(action: WhenDoneAction): string {
  return `everything is done: about to ${DOING[action]}`;
}
