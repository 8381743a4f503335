// An HTTP proxy for tests (the `proxy` package) on 127.0.0.1: absolute-form requests for http
// targets, CONNECT for https ones, Basic proxy auth when given a login; it notes what passed.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createProxy, type ProxyServer } from 'proxy';

export class TestProxy {
  /** Absolute-form requests ("GET http://...") and CONNECT targets ("CONNECT 127.0.0.1:443"), in order. */
  readonly seen: string[] = [];
  /** Proxy-Authorization headers as they came (undefined: none). */
  readonly logins: Array<string | undefined> = [];
  /** Connections made to the proxy. */
  connections = 0;
  port = 0;
  private readonly server: ProxyServer;
  private readonly sockets = new Set<Socket>();

  private readonly scheme: 'http' | 'https';

  /** With `login`, only requests with its Basic Proxy-Authorization pass (else 407); with `tls`, clients speak TLS to it. */
  constructor(login?: { username: string; password: string }, tls?: { key: string; cert: string }) {
    this.scheme = tls ? 'https' : 'http';
    this.server = createProxy(tls ? https.createServer(tls) : http.createServer());
    const expected = login ? `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}` : null;
    if (expected) this.server.authenticate = (req) => req.headers['proxy-authorization'] === expected;
    const note = (req: http.IncomingMessage) => {
      this.seen.push(`${req.method} ${req.url}`);
      this.logins.push(req.headers['proxy-authorization']);
    };
    // Listeners of our own beside the package's: they only note.
    this.server.prependListener('request', note);
    this.server.prependListener('connect', note);
    this.server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
      this.connections++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(): string {
    return `${this.scheme}://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A port on 127.0.0.1 where nothing listens (taken and let go). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
