// The desktop window's UI store and "Open while downloading": it asks the app over IPC (as the
// preload sends it) instead of opening a tab of its own, and shows the app's words when it cannot.
import { describe, expect, it } from 'vitest';
import { createFerryStore } from '../../renderer/src/state/store.ts';
import { canOpenWhileDownloading } from '../../renderer/src/state/open-while-downloading.ts';
import { useDesktopWindow } from '../helpers/desktop-window.ts';

const bed = useDesktopWindow();

describe('the desktop window store', () => {
  it('opens a video while it arrives through the IPC call (no tab of its own); when the app cannot, the notice says why', async () => {
    const { id } = await bed.heldDownload('song.mp3');
    const tabs: string[] = [];
    const store = createFerryStore({ bridge: bed.bridge(), scheduleFrame: () => undefined, openTab: (url) => tabs.push(url) });
    try {
      await store.getState().load();
      const host = store.getState().host;
      expect(host).toMatchObject({ kind: 'electron', streams: 'app' });
      expect(canOpenWhileDownloading(await bed.service.getTransfer(id), host)).toBe(true);
      bed.opened.length = 0;
      await store.getState().act(id, 'stream');
      expect(store.getState().notice).toBeNull();
      expect(bed.opened).toHaveLength(1);
      expect(new URL(bed.opened[0]!).pathname).toBe(`/stream/${id}`);
      expect(tabs).toEqual([]);

      bed.localState = () => ({ notServing: 'listen EADDRINUSE: address already in use 127.0.0.1:7431' });
      await store.getState().act(id, 'stream');
      expect(store.getState().notice).toBe('Ferry cannot open a download while it arrives: its local API is not running (listen EADDRINUSE: address already in use 127.0.0.1:7431). Restart Ferry to try again.');
      expect(bed.opened).toHaveLength(1);
      expect(tabs).toEqual([]);
    } finally {
      bed.localState = () => ({ serving: bed.local });
      store.dispose();
    }
  });
});
