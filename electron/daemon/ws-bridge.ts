// The WebSocket side of the daemon: the same typed API as Electron IPC, plus pushed events.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FerryApi, FerryEvents, EventName, WsServerMessage } from '../../shared/api.ts';
import { dispatch } from '../engine/service/dispatch.ts';
import { browserView } from '../engine/service/browser-view.ts';
import { WS_PROTOCOL } from './http-auth.ts';
import { ClientFlow } from './ws-client-flow.ts';

const MAX_MESSAGE = 256 * 1024;

/** Where the events come from: the TransferService (its `on`). */
export interface EventSource {
  on<E extends EventName>(event: E, listener: (payload: FerryEvents[E]) => void): () => void;
}

/** `warn` gets one line when a client is closed for not reading. */
export function createWsBridge(api: FerryApi, events: EventSource, warn: (message: string) => void) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE,
    // The page offers ["ferry", "ferry.session.<session>"]; the answer names only the first.
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const clients = new Map<WebSocket, ClientFlow>();
  // Every client here is a browser page: it hears what browserView lets a page see.
  const broadcast = (event: EventName) => (payload: unknown) => {
    const seen = browserView(event, payload);
    for (const flow of clients.values()) flow.event(event, seen);
  };
  const unsubscribe = [
    events.on('transfersChanged', broadcast('transfersChanged')),
    events.on('transfersRemoved', broadcast('transfersRemoved')),
    events.on('settingsChanged', broadcast('settingsChanged')),
    events.on('conditionsChanged', broadcast('conditionsChanged')),
    events.on('limitsChanged', broadcast('limitsChanged')),
    events.on('groupsChanged', broadcast('groupsChanged')),
    events.on('whenDoneChanged', broadcast('whenDoneChanged')),
  ];

  const answer = (socket: WebSocket) => async (raw: string): Promise<WsServerMessage | null> => {
    let message: { id?: unknown; method?: unknown; args?: unknown };
    try {
      message = JSON.parse(raw) as typeof message;
      if (typeof message !== 'object' || message === null || Array.isArray(message)) throw new Error('not a call');
    } catch {
      socket.close(1003, 'messages are JSON calls: {"id", "method", "args"}');
      return null;
    }
    const id = typeof message.id === 'number' ? message.id : -1;
    // Only a browser page's session opens the WebSocket.
    return { id, ...(await dispatch(api, message.method, message.args, 'browser')) } as WsServerMessage;
  };

  wss.on('connection', (socket) => {
    const flow = new ClientFlow(socket, answer(socket), warn);
    clients.set(socket, flow);
    socket.on('close', () => {
      flow.closed();
      clients.delete(socket);
    });
    // A malformed or oversized frame: ws closes that connection (1002/1007/1009); nothing else.
    socket.on('error', () => socket.terminate());
    socket.on('message', (data) => flow.received(String(data)));
  });

  return {
    /** Completes the upgrade; the caller has already checked the token and origin. */
    handleUpgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): void {
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    /** Sends a host event of the daemon's own (not the engine's) to every page; how many were told. */
    tell<E extends EventName>(event: E, payload: FerryEvents[E]): number {
      broadcast(event)(payload);
      return clients.size;
    },
    /** Ends every connection (the token changed: their sessions are void). */
    dropAll(): void {
      for (const client of clients.keys()) client.terminate();
    },
    close(): void {
      unsubscribe.forEach((u) => u());
      for (const client of clients.keys()) client.terminate();
      wss.close();
    },
  };
}
