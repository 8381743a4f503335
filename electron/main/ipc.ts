// The IPC side of the typed API: one invoke channel, validated with the shared zod schemas
// (in dispatch) after the sender is checked; events go to the window on one channel.
import type { FerryApi, EventName } from '../../shared/api.ts';
import { IPC_CALL, IPC_EVENT } from '../../shared/api-methods.ts';
import { dispatch, type RpcResult } from '../engine/service/dispatch.ts';
import { isTrustedSender, type SenderLike } from './trusted-sender.ts';

export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export function registerIpc(ipcMain: IpcMainLike, api: FerryApi, appPageUrl: () => string): () => void {
  ipcMain.handle(IPC_CALL, async (event, method, args): Promise<RpcResult> => {
    if (!isTrustedSender(event, appPageUrl())) {
      return { error: { status: 'Forbidden', message: 'calls are accepted from the Ferry window only', httpStatus: null } };
    }
    // The desktop app's own window: it may set what a group runs (a browser page may not).
    return dispatch(api, method, args, 'host');
  });
  return () => ipcMain.removeHandler(IPC_CALL);
}

export interface WebContentsLike {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export function sendEvent(target: WebContentsLike | null, event: EventName, payload: unknown): void {
  if (target && !target.isDestroyed()) target.send(IPC_EVENT, event, payload);
}
