// aria2's WebSocket notifications from Ferry's change events: a download whose aria2 status
// changed is announced by the event for its new status. Changes come batched (about 10 a second),
// so a download that starts and finishes within one batch is heard as finished only.
import type { TransferSnapshot } from '../../../shared/model.ts';
import type { EventSource } from '../ws-bridge.ts';
import { aria2StatusOf, type Aria2Status } from './aria2-status.ts';
import { gidOf } from './gid.ts';

const EVENT_OF: Partial<Record<Aria2Status, string>> = {
  active: 'aria2.onDownloadStart',
  paused: 'aria2.onDownloadPause',
  complete: 'aria2.onDownloadComplete',
  error: 'aria2.onDownloadError',
  removed: 'aria2.onDownloadStop',
};

export interface Notification {
  jsonrpc: '2.0';
  method: string;
  params: [{ gid: string }];
}

/** Calls `send` with each notification; returns the function that stops listening. */
export function watchDownloads(events: EventSource, send: (notification: Notification) => void): () => void {
  const last = new Map<string, Aria2Status>();
  const changed = (transfers: TransferSnapshot[]): void => {
    for (const t of transfers) {
      if (t.kind !== 'download') continue;
      const status = aria2StatusOf(t.state);
      if (last.get(t.id) === status) continue;
      last.set(t.id, status);
      const method = EVENT_OF[status];
      if (method) send({ jsonrpc: '2.0', method, params: [{ gid: gidOf(t.id) }] });
    }
  };
  const stops = [
    events.on('transfersChanged', changed),
    events.on('transfersRemoved', (ids) => ids.forEach((id) => last.delete(id))),
  ];
  return () => stops.forEach((stop) => stop());
}
