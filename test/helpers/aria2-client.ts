// The `aria2` npm package (sonnyp/aria2.js), a JSON-RPC client for aria2 that nobody here wrote,
// typed for the tests; and a recorder of the notifications it hears.
import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';
import net from 'node:net';

export interface Aria2Client extends EventEmitter {
  call(method: string, ...params: unknown[]): Promise<unknown>;
  multicall(calls: unknown[][]): Promise<unknown[]>;
  /** Switches the client to a WebSocket (calls go over it, notifications arrive). */
  open(): Promise<void>;
  close(): Promise<void>;
}

const Aria2 = createRequire(import.meta.url)('aria2') as new (options: { host: string; port: number; secret: string; secure?: boolean; path?: string }) => Aria2Client;

export function aria2Client(port: number, secret: string): Aria2Client {
  return new Aria2({ host: '127.0.0.1', port, secret });
}

const EVENTS = ['onDownloadStart', 'onDownloadPause', 'onDownloadStop', 'onDownloadComplete', 'onDownloadError'];

/** Every notification the client hears, as "event gid", and a wait for one. */
export function recordNotifications(client: Aria2Client) {
  const heard: string[] = [];
  const waiters: Array<() => void> = [];
  for (const event of EVENTS) {
    client.on(event, (params: Array<{ gid: string }>) => {
      for (const { gid } of params) heard.push(`${event} ${gid}`);
      waiters.splice(0).forEach((wake) => wake());
    });
  }
  return {
    heard,
    /** Resolves once `event` was heard for `gid`; fails after timeoutMs with what was heard. */
    async until(event: string, gid: string, timeoutMs = 20_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!heard.includes(`${event} ${gid}`)) {
        if (Date.now() > deadline) throw new Error(`no ${event} for ${gid}; heard: ${heard.join(', ') || 'nothing'}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
  };
}

/** A port nobody listens on now (the OS's choice, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
