// aria2's JSON-RPC endpoint: POST /jsonrpc and a WebSocket at /jsonrpc, on 127.0.0.1 only. The
// Host and Origin checks are the daemon's own (host-check.ts, http-auth.ts), and so are the
// request limits (request-limits.ts): a page on another site, or a name rebound to 127.0.0.1, is
// refused before any call is read. The one way in for a page of another origin is the user's list
// (aria2RpcOrigins, for a web UI such as AriaNg): those get CORS answers, and still need the secret.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FerryApi } from '../../../shared/api.ts';
import { allowedHostNames, hostAllowed } from '../host-check.ts';
import { originAllowed } from '../http-auth.ts';
import { BodyTooLarge, limitConnections, readBody, requestDeadline, RPC_MAX_BODY, serverOptions } from '../request-limits.ts';
import type { EventSource } from '../ws-bridge.ts';
import { MAX_UNSENT_BYTES } from '../ws-client-flow.ts';
import { EngineCalls } from './engine-calls.ts';
import { JsonRpc } from './json-rpc.ts';
import { watchDownloads } from './notifications.ts';
import { SecretGuard } from './secret-guard.ts';

export const RPC_HOST = '127.0.0.1';
export const RPC_PATH = '/jsonrpc';
const MAX_MESSAGE = 256 * 1024;

export interface Aria2RpcOptions {
  port: number;
  /** Origins of web pages the user lets call (read at each request: the setting may change). */
  origins(): ReadonlySet<string>;
  /** The secret now; null: none set (every call is refused). */
  secret(): string | null;
  events: EventSource;
  warn(message: string): void;
}

export interface Aria2RpcServer {
  port: number;
  /** Calls refused for their secret since it started. */
  refused(): number;
  close(): Promise<void>;
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** What a listed origin's page needs to read the answers (and, from a public site, to reach 127.0.0.1 at all). */
function allowCrossOrigin(request: http.IncomingMessage, response: http.ServerResponse, origin: string): void {
  response.setHeader('access-control-allow-origin', origin);
  response.setHeader('vary', 'Origin');
  if (request.method !== 'OPTIONS') return;
  response.setHeader('access-control-allow-methods', 'POST');
  response.setHeader('access-control-allow-headers', 'content-type, accept');
  response.setHeader('access-control-max-age', '600');
  if (request.headers['access-control-request-private-network'] === 'true') response.setHeader('access-control-allow-private-network', 'true');
}

/** A refusal before any call is read, in aria2's error form (no id: none was read). */
function refuse(response: http.ServerResponse, status: number, message: string): void {
  response.shouldKeepAlive = false;
  sendJson(response, status, { id: null, jsonrpc: '2.0', error: { code: 1, message } });
}

export async function startAria2Rpc(api: FerryApi, options: Aria2RpcOptions): Promise<Aria2RpcServer> {
  const guard = new SecretGuard({ secret: options.secret, warn: options.warn });
  const rpc = new JsonRpc(new EngineCalls(api), guard);
  const hostNames = allowedHostNames(RPC_HOST);
  let port = options.port;
  /** The Origin of a page on another site that the user listed; null for our own origin or none. */
  const listedOrigin = (request: http.IncomingMessage): string | null => (originAllowed(request) ? null : request.headers.origin!);
  const badRequest = (request: http.IncomingMessage): [number, string] | null =>
    !hostAllowed(request.headers.host, hostNames, port) ? [421, 'this RPC answers only to its own address (Host header)']
    : !originAllowed(request) && !options.origins().has(request.headers.origin ?? '') ? [403, 'requests from other sites are refused (a web UI\'s origin can be allowed with "ferry config set aria2Rpc.origins")']
    : new URL(request.url ?? '/', 'http://localhost').pathname !== RPC_PATH ? [404, `the aria2 RPC is at ${RPC_PATH}`]
    : null;

  const server = http.createServer(serverOptions(), (request, response) => {
    response.on('error', () => undefined);
    requestDeadline(request, response);
    const refusal = badRequest(request);
    if (refusal) return refuse(response, ...refusal);
    const origin = listedOrigin(request);
    if (origin) allowCrossOrigin(request, response, origin);
    if (origin && request.method === 'OPTIONS') {
      response.writeHead(204);
      return void response.end();
    }
    if (request.method !== 'POST') return refuse(response, 405, 'use POST (or a WebSocket)');
    void readBody(request, RPC_MAX_BODY)
      .then((body) => rpc.handle(body.toString('utf8')))
      .then(({ reply }) => {
        // aria2 answers an error with 400, as these clients expect.
        const failed = reply !== null && !Array.isArray(reply) && 'error' in reply;
        sendJson(response, failed ? 400 : 200, reply);
      })
      .catch((error: unknown) => {
        if (response.headersSent) return void response.destroy();
        refuse(response, error instanceof BodyTooLarge ? 413 : 400, (error as Error).message);
      });
  });
  server.on('clientError', (_error, socket: Duplex) => {
    if ((socket as Socket).writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  server.on('connection', (socket) => socket.on('error', () => undefined));
  limitConnections(server);

  // Notifications go only to sockets that have presented the secret in a call.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE });
  const listening = new Set<WebSocket>();
  const stopWatching = watchDownloads(options.events, (notification) => {
    for (const socket of listening) send(socket, notification);
  });
  const send = (socket: WebSocket, message: unknown): void => {
    if (socket.readyState !== socket.OPEN) return;
    // A client that reads nothing does not make the daemon hold its answers for ever.
    if (socket.bufferedAmount > MAX_UNSENT_BYTES) {
      options.warn('aria2 RPC: closed a WebSocket client that read none of its answers; it can reconnect');
      return void socket.terminate();
    }
    socket.send(JSON.stringify(message));
  };
  wss.on('connection', (socket: WebSocket) => {
    socket.on('error', () => socket.terminate());
    socket.on('close', () => listening.delete(socket));
    socket.on('message', (data) => {
      void rpc.handle(String(data)).then(({ reply, authenticated }) => {
        if (authenticated) listening.add(socket);
        if (reply !== null) send(socket, reply);
      });
    });
  });
  server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = badRequest(request);
    if (refusal) {
      if (socket.writable) socket.end(`HTTP/1.1 ${refusal[0]} ${http.STATUS_CODES[refusal[0]]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      setTimeout(() => socket.destroy(), 2000).unref();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, RPC_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    refused: () => guard.refused,
    close: () =>
      new Promise<void>((resolve) => {
        stopWatching();
        for (const socket of wss.clients) socket.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
