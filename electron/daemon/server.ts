// The daemon's HTTP side, on loopback by default. Every request must name the daemon in its Host
// header; who may do what (see http-auth.ts and browser-login.ts):
//   GET  /...                  the renderer bundle (public: it holds no secret)
//   POST /api/login            {code} -> {session}: a one-time login code for a browser session
//   GET  /api/session          200 while the presented session is good, 401 once it is not
//   POST /api/rpc              the typed API as JSON (CLI token or session)
//   GET  /api/ws               the same API over WebSocket, with pushed events (session)
//   PUT  /api/staging?name=N   a file dropped in the browser, streamed here for upload (session)
//   DELETE /api/staging/ID     drop a staged file nobody will upload (session)
//   GET  /files/ID?ticket=T    a finished file, with a one-time ticket from the fileLink call
//   GET  /stream/ID?ticket=T   a download's bytes as they arrive, with Range (streamLink's ticket, see stream-route.ts)
//   POST /api/cli/login-url    a fresh login URL (`ferry ui`; CLI token only)
//   POST /api/cli/logout       a new token: every browser session ends (`ferry logout`; CLI token only)
//   POST /api/cli/stop         shut down as SIGTERM would (`ferry stop`; CLI token only)
import type { GroupNotice } from '../../shared/groups.ts';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FerryApi } from '../../shared/api.ts';
import { dispatch } from '../engine/service/dispatch.ts';
import { classifyError } from '../engine/errors/error-classify.ts';
import { callerOf, originAllowed, type Caller } from './http-auth.ts';
import type { BrowserLogin } from './browser-login.ts';
import { allowedHostNames, hostAllowed } from './host-check.ts';
import { createWsBridge, type EventSource } from './ws-bridge.ts';
import { serveDownloadedFile, serveRenderer, type CompletedFile } from './static-files.ts';
import { refusalStatus, serveTransferStream, type TransferStreams } from './stream-route.ts';
import { STREAM_LINK_BASE } from './daemon-api.ts';
import { BodyTooLarge, limitConnections, lingerAfterAnswer, readBody, LOGIN_MAX_BODY, requestDeadline, RPC_MAX_BODY, serverOptions } from './request-limits.ts';

const REFUSALS = { 400: 'InvalidArgument', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'InvalidArgument', 413: 'InvalidArgument', 421: 'Forbidden' } as const;
type RefusalStatus = keyof typeof REFUSALS;

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function refuse(response: http.ServerResponse, status: RefusalStatus, message: string): void {
  // A refused request's body is not read: close the connection rather than wait for it.
  response.shouldKeepAlive = false;
  sendJson(response, status, { error: { status: REFUSALS[status], message, httpStatus: status } });
}

async function readJson(request: http.IncomingMessage, limit: number): Promise<unknown> {
  const body = await readBody(request, limit);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new Error('the request body is not JSON');
  }
}

export interface DaemonServer {
  server: http.Server;
  port: number;
  /** A login URL with a fresh one-time code. */
  loginUrl(): string;
  /** Ends every browser connection (after the token changed). */
  dropBrowserConnections(): void;
  /** A group's notice to every open browser page; how many were told. */
  tellPages(notice: GroupNotice): number;
  close(): Promise<void>;
}

export interface ServerOptions {
  host: string;
  port: number;
  login: BrowserLogin;
  events: EventSource;
  /** One line on stderr (a client closed for not reading its answers). */
  warn(message: string): void;
  /** A finished transfer's file, opened, or null. */
  completedFile(id: string): Promise<CompletedFile | null>;
  /** Downloads' bytes as they arrive. */
  streams: TransferStreams;
  /** Receives a file streamed from the browser. */
  stageFile(name: string | null, body: http.IncomingMessage): Promise<unknown>;
  discardStaged(id: string): boolean;
  /** Makes a new CLI token (`ferry logout`). */
  rotateToken(): Promise<void>;
  /** Shuts the daemon down as SIGTERM does (`ferry stop`), after this answer is sent. */
  stop(): void;
  /** The built renderer the browser UI is served from (the default: beside the daemon's code). */
  rendererDir?: string;
}

export async function startServer(api: FerryApi, options: ServerOptions): Promise<DaemonServer> {
  const { login } = options;
  const bridge = createWsBridge(api, options.events, options.warn);
  const hostNames = allowedHostNames(options.host);
  let port = 0;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const loginUrl = (): string => `http://${shownHost === '0.0.0.0' || shownHost === '[::]' ? '127.0.0.1' : shownHost}:${port}/#login=${login.newLoginCode()}`;

  const server = http.createServer(serverOptions(), (request, response) => {
    response.on('error', () => undefined);
    const deadline = requestDeadline(request, response);
    void handle(request, response, deadline).catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      if (error instanceof BodyTooLarge) return refuse(response, 413, error.message);
      sendJson(response, 400, { error: { status: 'InvalidArgument', message: (error as Error).message, httpStatus: null } });
    });
  });
  // A client that sends garbage or goes away mid-request costs only its own connection.
  server.on('clientError', (_error, socket: Duplex) => {
    if ((socket as Socket).writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  server.on('connection', (socket) => socket.on('error', () => undefined));
  limitConnections(server);

  async function handle(request: http.IncomingMessage, response: http.ServerResponse, deadline: { streaming(): void }): Promise<void> {
    if (!hostAllowed(request.headers.host, hostNames, port)) return refuse(response, 421, 'this daemon answers only to its own address (Host header)');
    if (!originAllowed(request)) return refuse(response, 403, 'requests from other sites are refused');
    const url = new URL(request.url ?? '/', 'http://localhost');
    const caller: Caller = callerOf(request, login);
    const path = url.pathname;

    if (path === '/api/login') {
      if (request.method !== 'POST') return refuse(response, 405, 'use POST');
      const body = (await readJson(request, LOGIN_MAX_BODY)) as { code?: unknown } | null;
      const session = login.redeem(typeof body?.code === 'string' ? body.code : null);
      if (!session) return refuse(response, 401, 'this login link was already used or has expired; run "ferry ui" for a fresh one');
      return sendJson(response, 200, { result: { session } });
    }
    if (path.startsWith('/files/') && request.method === 'GET') {
      const id = safeDecode(path.slice('/files/'.length));
      if (!id || (caller !== 'cli' && !login.fileTicketValid(url.searchParams.get('ticket'), id))) {
        return refuse(response, 401, 'this file link has expired; click the file in Ferry again');
      }
      const file = await options.completedFile(id);
      if (!file) return refuse(response, 404, 'no finished file for that transfer');
      return serveDownloadedFile(file, response);
    }
    if (path.startsWith(STREAM_LINK_BASE) && request.method === 'GET') {
      const id = safeDecode(path.slice(STREAM_LINK_BASE.length));
      if (!id || (caller !== 'cli' && !login.streamTicketValid(url.searchParams.get('ticket'), id))) {
        return refuse(response, 401, 'this stream link has expired; choose "Open while downloading" in Ferry again');
      }
      try {
        return await serveTransferStream(options.streams, id, request, response);
      } catch (error) {
        if (response.headersSent) throw error;
        response.shouldKeepAlive = false;
        return sendJson(response, refusalStatus(error), { error: classifyError(error).toInfo() });
      }
    }
    if (!path.startsWith('/api/')) return serveRenderer(path, response, options.rendererDir);
    if (!caller) return refuse(response, 401, 'not logged in: the CLI uses the token in its home; a browser logs in with the URL "ferry ui" prints');
    if (path === '/api/session') return sendJson(response, 200, { result: { caller } });
    if (path === '/api/rpc') {
      if (request.method !== 'POST') return refuse(response, 405, 'use POST');
      const body = (await readJson(request, RPC_MAX_BODY)) as { method?: unknown; args?: unknown } | null;
      return sendJson(response, 200, await dispatch(api, body?.method, body?.args, caller === 'cli' ? 'host' : 'browser'));
    }
    if (path === '/api/staging') {
      if (request.method !== 'PUT') return refuse(response, 405, 'use PUT');
      deadline.streaming();
      try {
        return sendJson(response, 200, { result: await options.stageFile(url.searchParams.get('name'), request) });
      } catch (error) {
        lingerAfterAnswer(request, response);
        return sendJson(response, 400, { error: classifyError(error).toInfo() });
      }
    }
    if (path.startsWith('/api/staging/') && request.method === 'DELETE') {
      const gone = options.discardStaged(safeDecode(path.slice('/api/staging/'.length)) ?? '');
      return gone ? sendJson(response, 200, { result: null }) : refuse(response, 404, 'no such staged file');
    }
    if (path.startsWith('/api/cli/')) {
      if (caller !== 'cli') return refuse(response, 403, 'only the ferry command may do this');
      if (request.method !== 'POST') return refuse(response, 405, 'use POST');
      if (path === '/api/cli/login-url') return sendJson(response, 200, { result: { url: loginUrl() } });
      if (path === '/api/cli/logout') {
        await options.rotateToken();
        return sendJson(response, 200, { result: null });
      }
      if (path === '/api/cli/stop') {
        response.on('finish', () => options.stop());
        return sendJson(response, 200, { result: { pid: process.pid } });
      }
    }
    return refuse(response, 404, 'unknown endpoint');
  }

  server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://localhost');
    const refusal =
      !hostAllowed(request.headers.host, hostNames, port) ? '421 Misdirected Request'
      : !originAllowed(request) ? '403 Forbidden'
      : url.pathname !== '/api/ws' ? '404 Not Found'
      : !callerOf(request, login) ? '401 Unauthorized'
      : null;
    if (refusal) {
      if (socket.writable) socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      // A client that never reads its answer does not keep the socket.
      setTimeout(() => socket.destroy(), 2000).unref();
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
    loginUrl,
    dropBrowserConnections: () => bridge.dropAll(),
    tellPages: (notice: GroupNotice) => bridge.tell('groupNotice', notice),
    close: () =>
      new Promise<void>((resolve) => {
        bridge.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
