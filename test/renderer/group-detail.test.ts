// A transfer's completion group in the details, in words: where it is and what it does.
import { expect, it } from 'vitest';
import { groupActionWords, groupStateWords, groupWindowWords } from '../../renderer/src/components/GroupDetail.tsx';
import type { GroupInfo } from '../../shared/model.ts';

const member = (state: GroupInfo['members'][number]['state']) => ({ id: state, kind: 'download' as const, url: 'http://127.0.0.1/x', path: null, state, error: null });
const base: GroupInfo = { name: 'iso', behavior: 'parallel', closed: false, onComplete: null, members: [member('completed'), member('running')], running: false, firedAt: null, history: [], runWindows: [] };

it('says where the group is: open, all in and waiting, running, ran', () => {
  expect(groupStateWords(base)).toBe('iso: open, 2 transfers so far');
  expect(groupStateWords({ ...base, closed: true })).toBe('iso: all in, 1 of 2 finished');
  expect(groupStateWords({ ...base, closed: true, running: true })).toBe('iso: its actions are running');
  expect(groupStateWords({ ...base, closed: true, firedAt: '2026-12-06T08:00:00.000Z', onComplete: { run: ['true'], moveTo: null } })).toMatch(/^iso: its actions ran at /);
  expect(groupStateWords({ ...base, closed: true, firedAt: '2026-12-06T08:00:00.000Z' })).toMatch(/^iso: all finished at /);
});

it('says what the group does when all have finished: the move, then the program', () => {
  expect(groupActionWords(base)).toBeNull();
  expect(groupActionWords({ ...base, onComplete: { run: ['sha256sum', '-c', 'SUMS'], moveTo: '/srv/isos' } })).toBe('move the files into /srv/isos; then run sha256sum -c SUMS');
  expect(groupActionWords({ ...base, onComplete: { run: null, moveTo: '/srv/isos' } })).toBe('move the files into /srv/isos');
  // A browser page is told that a program is set, not its words.
  expect(groupActionWords({ ...base, onComplete: { run: null, programHidden: true, moveTo: null } })).toBe('run the program set with the ferry command');
  expect(groupActionWords({ ...base, onComplete: { run: null, programHidden: true, moveTo: null, action: 'unpack' } })).toBe('run the action unpack');
});

it("says when the group's own time windows let its members run", () => {
  expect(groupWindowWords(base)).toBeNull();
  const windows = [{ days: [1, 2, 3, 4, 5], from: '01:00', to: '07:00' }, { days: [0, 6], from: '00:00', to: '24:00' }];
  expect(groupWindowWords({ ...base, runWindows: windows })).toBe('Its transfers run only weekdays 01:00-07:00; weekends, all day (and when the time windows in Settings allow)');
});
