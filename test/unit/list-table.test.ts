// `ferry ls` as a table fitted to the terminal, and `ferry get`'s last words.
import { expect, it } from 'vitest';
import { transferTable } from '../../electron/daemon/list-table.ts';
import { elapsedWords } from '../../electron/daemon/commands/get.ts';
import { snapshotOf as snap } from '../helpers/snapshot.ts';



it('has a header row, aligned columns, and the reason a transfer waits or failed', () => {
  const lines = transferTable([
    snap({}),
    snap({ id: 'ffff000011112222', path: '/d/b.bin', state: 'pausedBattery', speed: 0, eta: null, history: [{ at: '', from: 'running', to: 'pausedBattery', reason: 'on battery at 15% (below 20%)' }] }),
    snap({ id: 'aaaa000011112222', path: null, url: 'https://example.org/gone', state: 'failed', totalBytes: null, bytesTransferred: 0, error: { status: 'NotFound', message: 'the server answered HTTP 404', httpStatus: 404 } }),
  ]);
  expect(lines).toEqual([
    'ID        STATE                       DONE     SPEED  ETA  NAME',
    '01234567  running        25% 500 kB/2.0 MB  250 kB/s  6s   a.iso',
    'ffff0000  pausedBattery  25% 500 kB/2.0 MB                 b.bin  (on battery at 15% (below 20%))',
    'aaaa0000  failed                       0 B                 https://example.org/gone  NotFound: the server answered HTTP 404',
  ]);
});

it('cuts what does not fit the terminal with …, and prints nothing for an empty list', () => {
  const [, row] = transferTable([snap({ path: '/d/a-very-long-name-that-will-not-fit-in-a-narrow-terminal.iso' })], 60);
  expect(row).toHaveLength(60);
  expect(row!.endsWith('…')).toBe(true);
  expect(transferTable([])).toEqual([]);
});

it('ends ferry get with the time it took and the average speed', () => {
  expect(elapsedWords(2400, 100_000_000)).toBe('in 2.4 s, 41.7 MB/s on average');
  expect(elapsedWords(125_000, 1_000_000)).toBe('in 2 min 5 s, 8.0 kB/s on average');
});
