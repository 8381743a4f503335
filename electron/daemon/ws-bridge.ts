// The WebSocket side of the daemon: the same typed API as Electron IPC, plus pushed events.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FerryApi, FerryEvents, EventName, WsServerMessage } from '../../shared/api.ts';
import { dispatch } from '../engine/dispatch.ts';
import { WS_PROTOCOL } from './http-auth.ts';

const MAX_MESSAGE = 256 * 1024;

/** Where the events come from: the TransferService (its `on`). */
export interface EventSource {
  on<E extends EventName>(event: E, listener: (payload: FerryEvents[E]) => void): () => void;
}

export function createWsBridge(api: FerryApi, events: EventSource) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE,
    // The page offers ["ferry", "ferry.session.<session>"]; the answer names only the first.
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const clients = new Set<WebSocket>();
  const send = (socket: WebSocket, message: WsServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const broadcast = (event: EventName) => (payload: unknown) => {
    for (const client of clients) send(client, { event, payload });
  };
  const unsubscribe = [
    events.on('transfersChanged', broadcast('transfersChanged')),
    events.on('transfersRemoved', broadcast('transfersRemoved')),
    events.on('settingsChanged', broadcast('settingsChanged')),
    events.on('conditionsChanged', broadcast('conditionsChanged')),
  ];

  wss.on('connection', (socket) => {
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    // A malformed or oversized frame: ws closes that connection (1002/1007/1009); nothing else.
    socket.on('error', () => socket.terminate());
    socket.on('message', (data) => {
      let message: { id?: unknown; method?: unknown; args?: unknown };
      try {
        message = JSON.parse(String(data)) as typeof message;
        if (typeof message !== 'object' || message === null || Array.isArray(message)) throw new Error('not a call');
      } catch {
        socket.close(1003, 'messages are JSON calls: {"id", "method", "args"}');
        return;
      }
      const id = typeof message.id === 'number' ? message.id : -1;
      void dispatch(api, message.method, message.args).then((outcome) => send(socket, { id, ...outcome } as WsServerMessage));
    });
  });

  return {
    /** Completes the upgrade; the caller has already checked the token and origin. */
    handleUpgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): void {
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    /** Ends every connection (the token changed: their sessions are void). */
    dropAll(): void {
      for (const client of clients) client.terminate();
    },
    close(): void {
      unsubscribe.forEach((u) => u());
      for (const client of clients) client.terminate();
      wss.close();
    },
  };
}
