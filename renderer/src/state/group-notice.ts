// A group with the notify action finished (the daemon's groupNotice event): a browser notification
// when the page may show one (the permission is the browser's; Ferry never asks on its own), else
// the page's notice line. The desktop app shows its own notifications and sends no such event.
import type { GroupNotice } from '../../../shared/groups.ts';
import type { TransferState } from '../../../shared/model.ts';
import { t } from '../i18n/catalog.ts';

/** The notice in this page's language: its title and "1 Completed, 1 Failed". */
export function groupNoticeWords(notice: GroupNotice): { title: string; body: string } {
  const parts = Object.entries(notice.counts).map(([state, n]) => `${n} ${t.status[state as TransferState]}`);
  return { title: t.groups.noticeTitle(notice.group), body: parts.join(', ') };
}

export function showGroupNotice(notice: GroupNotice, inPage: (text: string) => void): void {
  const { title, body } = groupNoticeWords(notice);
  if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
    new Notification(title, { body, tag: `ferry-group-${notice.group}` });
    return;
  }
  inPage(`${title}: ${body}`);
}
