// window.ferry in the browser: the typed API over the daemon's WebSocket, reconnecting on loss.
import type { EventName, FerryBridge, FerryEvents, WsServerMessage } from '../../../shared/api.ts';
import { createApiProxy, RemoteError } from '../../../shared/api-proxy.ts';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export interface WsBridgeOptions {
  /** The subprotocols to offer at each (re)connect: they carry the session. */
  protocols?: () => string[];
  onConnection?: (open: boolean) => void;
  /** Asked after a connection is lost; false stops reconnecting (e.g. the session ended). */
  shouldReconnect?: () => Promise<boolean>;
}

export interface WsBridge extends FerryBridge {
  /** Connects again if not connected or connecting (after a fresh login stopped the "logged out" wait). */
  reconnect(): void;
}

export function createWsBridge(url: string, options: WsBridgeOptions = {}): WsBridge {
  const { protocols = () => [], onConnection = () => undefined, shouldReconnect = async () => true } = options;
  let socket: WebSocket | null = null;
  let ready: Promise<WebSocket> | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  const connect = (): Promise<WebSocket> => {
    if (ready) return ready;
    ready = new Promise((resolve, reject) => {
      const ws = new WebSocket(url, protocols());
      ws.onopen = () => {
        socket = ws;
        onConnection(true);
        resolve(ws);
      };
      ws.onmessage = (message) => {
        const data = JSON.parse(String(message.data)) as WsServerMessage;
        if ('event' in data) {
          listeners.get(data.event)?.forEach((listener) => listener(data.payload));
          return;
        }
        const waiter = pending.get(data.id);
        pending.delete(data.id);
        if (!waiter) return;
        if ('error' in data) waiter.reject(new RemoteError(data.error));
        else waiter.resolve(data.result);
      };
      ws.onclose = () => {
        socket = null;
        ready = null;
        onConnection(false);
        for (const waiter of pending.values()) {
          waiter.reject(new RemoteError({ status: 'CannotConnect', message: 'lost the connection to the Ferry daemon', httpStatus: null }));
        }
        pending.clear();
        reject(new RemoteError({ status: 'CannotConnect', message: 'cannot reach the Ferry daemon', httpStatus: null }));
        // Keep trying while it makes sense: the daemon may be restarting.
        setTimeout(() => {
          void shouldReconnect().then((again) => {
            if (again) void connect().catch(() => undefined);
          });
        }, 1000);
      };
    });
    return ready;
  };
  void connect().catch(() => undefined);

  const api = createApiProxy(async (method, args) => {
    const ws = socket ?? (await connect());
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, args }));
    });
  });

  return Object.assign(api, {
    on<E extends EventName>(event: E, listener: (payload: FerryEvents[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    reconnect(): void {
      if (!ready) void connect().catch(() => undefined);
    },
  });
}
