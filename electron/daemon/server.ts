// The daemon's HTTP side, on loopback by default; everything needs the token:
//   POST /api/rpc   the typed API as JSON (the CLI)
//   GET  /api/ws    the same API over WebSocket, with pushed events (the browser UI)
//   GET  /files/ID  a finished file, for the browser UI's links
//   PUT  /api/staging?name=N  a file dropped in the browser, streamed to the daemon for upload
//   DELETE /api/staging/ID    drop a staged file nobody will upload
//   GET  /...       the renderer bundle
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FerryApi } from '../../shared/api.ts';
import { dispatch } from '../engine/dispatch.ts';
import { classifyError } from '../engine/error-classify.ts';
import { originAllowed, requestToken, sessionCookie, tokenMatches } from './http-auth.ts';
import { createWsBridge, type EventSource } from './ws-bridge.ts';
import { serveDownloadedFile, serveRenderer } from './static-files.ts';

const MAX_BODY = 1024 * 1024;

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function refuse(response: http.ServerResponse, status: 401 | 403 | 404 | 405, message: string): void {
  const statusName = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : status === 404 ? 'NotFound' : 'InvalidArgument';
  sendJson(response, status, { error: { status: statusName, message, httpStatus: status } });
}

async function readJson(request: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export interface DaemonServer {
  server: http.Server;
  port: number;
  close(): Promise<void>;
}

export interface ServerOptions {
  host: string;
  port: number;
  token: string;
  events: EventSource;
  /** Path of a finished transfer's file, or null. */
  completedFile(id: string): Promise<string | null>;
  /** Receives a file streamed from the browser. */
  stageFile(name: string | null, body: http.IncomingMessage): Promise<unknown>;
  discardStaged(id: string): boolean;
}

export async function startServer(api: FerryApi, options: ServerOptions): Promise<DaemonServer> {
  const bridge = createWsBridge(api, options.events);
  let port = 0;
  const authorized = (request: http.IncomingMessage, url: URL) => tokenMatches(requestToken(request, url, port), options.token);

  const server = http.createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 400, { error: { status: 'InvalidArgument', message: (error as Error).message, httpStatus: null } });
      else response.destroy();
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!authorized(request, url)) return refuse(response, 401, 'missing or wrong token; use the URL printed by "ferry daemon"');
    if (!originAllowed(request)) return refuse(response, 403, 'requests from other sites are refused');
    if (url.pathname === '/api/rpc') {
      if (request.method !== 'POST') return refuse(response, 405, 'use POST');
      const body = (await readJson(request)) as { method?: unknown; args?: unknown };
      return sendJson(response, 200, await dispatch(api, body.method, body.args));
    }
    if (url.pathname === '/api/staging') {
      if (request.method !== 'PUT') return refuse(response, 405, 'use PUT');
      try {
        return sendJson(response, 200, { result: await options.stageFile(url.searchParams.get('name'), request) });
      } catch (error) {
        return sendJson(response, 400, { error: classifyError(error).toInfo() });
      }
    }
    if (url.pathname.startsWith('/api/staging/') && request.method === 'DELETE') {
      const gone = options.discardStaged(decodeURIComponent(url.pathname.slice('/api/staging/'.length)));
      return gone ? sendJson(response, 200, { result: null }) : refuse(response, 404, 'no such staged file');
    }
    if (url.pathname.startsWith('/files/')) {
      const file = await options.completedFile(decodeURIComponent(url.pathname.slice('/files/'.length)));
      if (!file) return refuse(response, 404, 'no finished file for that transfer');
      return serveDownloadedFile(file, response);
    }
    if (url.pathname.startsWith('/api/')) return refuse(response, 404, 'unknown endpoint');
    // The first visit brings the token in the URL; a cookie carries it from then on.
    const cookie: Record<string, string> = url.searchParams.has('token') ? { 'set-cookie': sessionCookie(port, options.token) } : {};
    return serveRenderer(url.pathname, response, cookie);
  }

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api/ws' || !authorized(request, url) || !originAllowed(request)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    bridge.handleUpgrade(request, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        bridge.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
