// What the window has to say for a while: the link to the host lost, logged out, the when-done
// countdown, a notice, the undo of a removal. They stand in one stack over the bottom of the list,
// above the status bar, so none of them pushes the list's rows away from under the pointer. In the
// page's order they come right after the toolbar (the keyboard and a screen reader meet them
// there); the list keeps room at its end as tall as the stack, so its last rows can scroll above it
// (banner-room.ts: no jump when a banner goes).
import { useLayoutEffect, useRef } from 'react';
import { useFerry } from '../state/context.tsx';
import { t } from '../i18n/catalog.ts';
import { timeOfDay } from '../i18n/format.ts';
import { WhenDoneBanner } from './WhenDone.tsx';
import { UndoToast } from './UndoToast.tsx';
import { followBannerRoom } from './banner-room.ts';
import type { Connection } from './App.tsx';

export function Banners({ connection }: { connection: Connection }) {
  const notice = useFerry((s) => s.notice);
  const dismissNotice = useFerry((s) => s.dismissNotice);
  const lostAt = useFerry((s) => s.linkLostAt);
  const desktopOwned = useFerry((s) => s.host?.owner === 'desktop');
  const stack = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => (stack.current ? followBannerRoom(stack.current) : undefined), []);
  return (
    // Logged out there is no list to stand over: the words take the page's top.
    <div className={connection === 'loggedOut' ? 'banners alone' : 'banners'} ref={stack}>
      {lostAt && connection !== 'loggedOut' && (
        <p className="banner" role="alert">
          {t.app.disconnected(timeOfDay(lostAt))}{' '}
          {desktopOwned ? (
            <>
              {t.app.startDesktopAgainBefore} <code>{t.app.startDesktopAgainCommand}</code> {t.app.startDesktopAgainAfter}
            </>
          ) : (
            <>
              {t.app.startAgainBefore} <code>{t.app.startAgainCommand(location.port)}</code> {t.app.startAgainAfter}
            </>
          )}
        </p>
      )}
      {connection === 'loggedOut' && (
        <p className="banner" role="alert">
          {t.app.loggedOutBefore} <code>{t.app.loggedOutCommand}</code> {t.app.loggedOutAfter}
        </p>
      )}
      {connection !== 'loggedOut' && !lostAt && <WhenDoneBanner />}
      {notice && (
        <p className="banner" role="alert">
          {notice}{' '}
          <button type="button" onClick={dismissNotice}>
            {t.app.dismiss}
          </button>
        </p>
      )}
      <UndoToast />
    </div>
  );
}
