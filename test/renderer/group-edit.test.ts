// The group editor's form and the add form's "When these are done": the request each makes (never a
// program: a kept program is asked by keepRun), time windows read by the CLI's parser with the bad
// part named in words, and a new group made, filled and closed in that order.
import { expect, it } from 'vitest';
import { addWithActions, groupFormOf, groupRequestOf, KEEP_PROGRAM, whenDoneActions, windowsFromText } from '../../renderer/src/state/group-edit.ts';
import type { GroupInfo, TransferSnapshot } from '../../shared/model.ts';
import type { DownloadRequest, GroupRequest } from '../../shared/schemas.ts';

const base: GroupInfo = { name: 'iso', behavior: 'parallel', closed: false, onComplete: null, members: [], running: false, firedAt: null, history: [], runWindows: [] };

it("fills the editor from the group and asks for what it shows, keeping the group's program by keepRun, never its words", () => {
  const group: GroupInfo = { ...base, behavior: 'serialized', onComplete: { run: ['unar', '-p', 'secret'], moveTo: '/srv', notify: true, action: 'unpack' }, runWindows: [{ days: [1, 2, 3, 4, 5], from: '01:00', to: '07:00' }] };
  const form = groupFormOf(group);
  expect(form).toEqual({ behavior: 'serialized', notify: true, openFolder: false, moveTo: '/srv', program: KEEP_PROGRAM, windows: 'mon-fri 01:00-07:00' });
  const request = groupRequestOf('iso', form);
  expect(request).toEqual({ name: 'iso', behavior: 'serialized', onComplete: { notify: true, openFolder: false, moveTo: '/srv', keepRun: true } });
  expect(JSON.stringify(request)).not.toContain('secret');
  expect(groupRequestOf('iso', { ...form, program: 'index', moveTo: ' ' }).onComplete).toEqual({ notify: true, openFolder: false, moveTo: null, action: 'index' });
  expect(groupRequestOf('iso', { ...form, program: '' }).onComplete).toEqual({ notify: true, openFolder: false, moveTo: '/srv' });
  expect(groupFormOf(base).windows).toBe('');
  // A browser page's group: the program unseen, kept all the same.
  expect(groupFormOf({ ...base, onComplete: { run: null, programHidden: true, moveTo: null } }).program).toBe(KEEP_PROGRAM);
});

it('reads time windows as the CLI does and names the part that is wrong', () => {
  expect(windowsFromText('none')).toEqual([]);
  expect(windowsFromText(' ')).toEqual([]);
  expect(windowsFromText('mon-fri 01:00-07:00; sat,sun 00:00-24:00')).toEqual([
    { days: [1, 2, 3, 4, 5], from: '01:00', to: '07:00' },
    { days: [0, 6], from: '00:00', to: '24:00' },
  ]);
  expect(windowsFromText('mon-fri 01:00-07:00; at night')).toBe('A time window is "[days] HH:MM-HH:MM" such as "mon-fri 01:00-07:00" (windows apart with ";"), not "at night".');
  expect(windowsFromText('mon 25:00-26:00')).toBe('A time window is "[days] HH:MM-HH:MM" such as "mon-fri 01:00-07:00" (windows apart with ";"), not "mon 25:00-26:00".');
  expect(windowsFromText('[{"days"')).toBe('Time windows in JSON are a list such as [{"days":[1,2,3,4,5],"from":"01:00","to":"07:00"}].');
});

it('"When these are done" makes a new group with the choice, adds exactly these into it, then closes it', async () => {
  expect(whenDoneActions('')).toBeNull();
  expect(whenDoneActions('notify')).toEqual({ notify: true });
  expect(whenDoneActions('open')).toEqual({ openFolder: true });
  expect(whenDoneActions('action:unpack')).toEqual({ action: 'unpack' });
  const calls: unknown[][] = [];
  const bridge = {
    createGroup: async (request: GroupRequest) => (calls.push(['createGroup', request]), base),
    createDownloads: async (requests: DownloadRequest[]) => (calls.push(['createDownloads', requests]), [] as TransferSnapshot[]),
    closeGroup: async (name: string) => (calls.push(['closeGroup', name]), base),
  };
  const requests = [{ url: 'http://127.0.0.1/a' }, { url: 'http://127.0.0.1/b' }];
  await addWithActions(bridge, requests, 'notify', new Date('2026-12-07T01:02:03.456Z'));
  const name = 'on-complete-2026-12-07T01-02-03-456Z';
  expect(calls).toEqual([
    ['createGroup', { name, onComplete: { notify: true } }],
    ['createDownloads', requests.map((r) => ({ ...r, group: name }))],
    ['closeGroup', name],
  ]);
  calls.length = 0;
  await addWithActions(bridge, requests, '');
  expect(calls).toEqual([['createDownloads', requests]]);
});
