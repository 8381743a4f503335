// Keeps the aria2 RPC listening as the settings say: aria2RpcEnabled, aria2RpcPort and aria2RpcOrigins, followed
// while the host runs. It listens only with a secret set; without one, or on a port taken, the
// host is told in one line and nothing listens. Any host of the engine can run it: it needs the
// API, the change events and where the secret is kept (the daemon: a 0600 file in its home).
import type { FerryApi } from '../../../shared/api.ts';
import type { Settings } from '../../../shared/model.ts';
import { parseOrigins } from '../../../shared/web-origins.ts';
import type { EventSource } from '../ws-bridge.ts';
import { startAria2Rpc, RPC_HOST, RPC_PATH, type Aria2RpcServer } from './rpc-server.ts';

export interface Aria2RpcHostOptions {
  events: EventSource;
  secret(): string | null;
  warn(message: string): void;
  /** Where to say that it listens (the daemon: stderr). */
  info(message: string): void;
}

export interface Aria2RpcHost {
  /** The listening port, or null. */
  port(): number | null;
  close(): Promise<void>;
}

export async function hostAria2Rpc(api: FerryApi, options: Aria2RpcHostOptions): Promise<Aria2RpcHost> {
  let running: Aria2RpcServer | null = null;
  let origins: ReadonlySet<string> = new Set();
  let wanted: number | null = null;
  let queue = Promise.resolve();

  const apply = async (settings: Settings): Promise<void> => {
    const port = settings.aria2RpcEnabled ? settings.aria2RpcPort : null;
    if (port === wanted) return;
    wanted = port;
    if (running) {
      await running.close();
      options.info('aria2 RPC: stopped listening');
      running = null;
    }
    if (port === null) return;
    if (options.secret() === null) {
      options.warn('aria2Rpc.enabled is on but no secret is set: the aria2 RPC is not listening; set one with "ferry config set aria2Rpc.secret"');
      // Asked again at the next settings change.
      wanted = null;
      return;
    }
    try {
      running = await startAria2Rpc(api, { port, origins: () => origins, secret: options.secret, events: options.events, warn: options.warn });
      options.info(`aria2 RPC: listening at http://${RPC_HOST}:${running.port}${RPC_PATH} (and ws://)`);
    } catch (error) {
      wanted = null;
      const code = (error as NodeJS.ErrnoException).code;
      options.warn(`aria2 RPC: cannot listen on ${RPC_HOST}:${port} (${code === 'EADDRINUSE' ? 'the port is in use: choose another with "ferry config set aria2Rpc.port N"' : (code ?? (error as Error).message)})`);
    }
  };
  const follow = (settings: Settings): void => {
    origins = new Set(parseOrigins(settings.aria2RpcOrigins));
    queue = queue.then(() => apply(settings));
  };

  follow(await api.getSettings());
  const unsubscribe = options.events.on('settingsChanged', follow);
  await queue;
  return {
    port: () => running?.port ?? null,
    close: async () => {
      unsubscribe();
      await queue;
      await running?.close();
      running = null;
    },
  };
}
