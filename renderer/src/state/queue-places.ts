// Where each queued transfer stands in the queue, as the engine's scheduler orders it (priority,
// then its place: queueOrder), and whether the slots are all taken. Worked out once per version of
// the list, not per row.
import type { TransferSnapshot } from '../../../shared/model.ts';
import { perVersion } from './filters.ts';

const rank = (tr: TransferSnapshot) => (tr.priority === 'high' ? 1 : 0);

/** 1 for the next to start. */
export const queuePlaces = perVersion((list): Map<string, number> => {
  const queued = list.filter((tr) => tr.state === 'queued').sort((a, b) => rank(b) - rank(a) || a.queueOrder - b.queueOrder);
  return new Map(queued.map((tr, index) => [tr.id, index + 1]));
});

export const runningCount = perVersion((list) => list.filter((tr) => tr.state === 'running').length);
