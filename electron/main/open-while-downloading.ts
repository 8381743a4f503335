// "Open while downloading" in the desktop window: the app's own local API (the one `ferry --home`
// and browser pages reach) makes the stream link with its ticket, and the system's browser opens
// it, as a page's new tab does in the browser UI (the window itself opens no other page). Plain
// Node: main.ts injects shell.openExternal and says whether the local API is serving.
import type { LocalApi } from '../daemon/local-api-host.ts';
import { TransferError } from '../engine/errors/transfer-error.ts';

/** The app's local API once serving, or in words why it is not (it failed to start). */
export type LocalApiState = { serving: Pick<LocalApi, 'api' | 'server'> } | { notServing: string };

export type OpenExternal = (url: string) => Promise<void>;

/** openWhileDownloading for the desktop's FerryApi. */
export function streamOpener(local: () => LocalApiState, openExternal: OpenExternal): (id: string) => Promise<void> {
  return async (id) => {
    const state = local();
    if ('notServing' in state) {
      throw new TransferError('ServiceUnavailable', `Ferry cannot open a download while it arrives: its local API is not running (${state.notServing}). Restart Ferry to try again.`);
    }
    const link = await state.serving.api.streamLink(id);
    await openExternal(new URL(link, `http://127.0.0.1:${state.serving.server.port}`).toString());
  };
}
