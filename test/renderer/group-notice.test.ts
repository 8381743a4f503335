// A group's notice in the browser UI: said in the page's language, as a browser notification only
// where the page is permitted one, else on the page's notice line.
import { afterEach, expect, it } from 'vitest';
import * as catalog from '../../renderer/src/i18n/catalog.ts';
import { groupNoticeWords, showGroupNotice } from '../../renderer/src/state/group-notice.ts';
import type { GroupNotice } from '../../shared/groups.ts';

const notice: GroupNotice = { group: 'isos', title: 'Group isos finished', body: '2 completed, 1 failed', ok: false, counts: { completed: 2, failed: 1 } };

afterEach(() => {
  catalog.setLanguage('en');
  delete (globalThis as { Notification?: unknown }).Notification;
});

it('says the notice in English and German', () => {
  expect(groupNoticeWords(notice)).toEqual({ title: 'Group isos finished', body: '2 Completed, 1 Failed' });
  catalog.setLanguage('de');
  expect(groupNoticeWords(notice).title).toBe('Gruppe isos ist fertig');
});

it('uses a browser notification only when permitted, else the page line', () => {
  const lines: string[] = [];
  showGroupNotice(notice, (text) => lines.push(text));
  expect(lines).toEqual(['Group isos finished: 2 Completed, 1 Failed']);

  const shown: Array<[string, unknown]> = [];
  class FakeNotification {
    static permission = 'default';
    constructor(title: string, options: unknown) {
      shown.push([title, options]);
    }
  }
  (globalThis as { Notification?: unknown }).Notification = FakeNotification;
  showGroupNotice(notice, (text) => lines.push(text));
  expect(shown).toEqual([]);
  expect(lines).toHaveLength(2);
  FakeNotification.permission = 'granted';
  showGroupNotice(notice, (text) => lines.push(text));
  expect(shown).toEqual([['Group isos finished', { body: '2 Completed, 1 Failed', tag: 'ferry-group-isos' }]]);
  expect(lines).toHaveLength(2);
});
