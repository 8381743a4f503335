// What one client may cost the daemon: how long its request may take to arrive, how much of a body
// is read before anyone is known, how many connections are open at once. Without these a client
// that sends a large Content-Length and then holds the connection kept its buffered body for ever.
import type http from 'node:http';

/** Headers, and a body that is read whole (JSON calls, the login), must arrive within this. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** A streamed body (a staged file, any size) may take long, but not stop for longer than this. */
export const BODY_IDLE_TIMEOUT_MS = 30_000;
/** An idle keep-alive connection is closed after this (Node's default, said here). */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** Open connections at once; more are dropped at accept. A browser tab holds one WebSocket, a CLI command one request. */
export const MAX_CONNECTIONS = 512;
/** A login body is `{"code": "..."}`: a few dozen bytes. Anything larger is refused before it is read. */
export const LOGIN_MAX_BODY = 4 * 1024;
/** A JSON call from the CLI or a logged-in page. */
export const RPC_MAX_BODY = 1024 * 1024;

/** Node's own clocks, which cover the headers and idle keep-alive connections. */
export function serverOptions(): http.ServerOptions {
  return {
    headersTimeout: REQUEST_TIMEOUT_MS,
    // The whole-request clock is ours (requestDeadline): Node's would also end a staged file that
    // takes minutes to arrive, and it exempts no request.
    requestTimeout: 0,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    // Node checks headersTimeout on this interval (30 s by default): a connection that sent nothing
    // would stay up to twice the timeout.
    connectionsCheckingInterval: 2_000,
  };
}

export function limitConnections(server: http.Server): void {
  server.maxConnections = MAX_CONNECTIONS;
}

/**
 * Ends the connection of a request whose body has not arrived whole within REQUEST_TIMEOUT_MS.
 * `streaming()` switches to an idle clock for bodies that are written to disk as they come.
 */
export function requestDeadline(request: http.IncomingMessage, response: http.ServerResponse): { streaming(): void } {
  const socket = request.socket;
  const timer = setTimeout(() => {
    if (!request.complete) socket.destroy();
  }, REQUEST_TIMEOUT_MS);
  timer.unref();
  const onIdle = (): void => void socket.destroy();
  const stopIdleClock = (): void => {
    socket.off('timeout', onIdle);
  };
  response.once('close', () => {
    clearTimeout(timer);
    stopIdleClock();
  });
  return {
    streaming() {
      clearTimeout(timer);
      socket.setTimeout(BODY_IDLE_TIMEOUT_MS);
      socket.on('timeout', onIdle);
      // Once the body is in, the socket's clock is Node's again (keep-alive sets its own).
      request.once('end', () => {
        socket.setTimeout(0);
        stopIdleClock();
      });
    },
  };
}

/** How long a refused body may go on arriving after the answer before the connection is closed. */
export const LINGER_MS = 3_000;

/**
 * After answering a request whose body was refused unread (a staged file over the limit): the
 * client is still sending it, and closing at once makes it fail writing (EPIPE) before it reads the
 * answer. Like nginx's lingering close, the rest is read and discarded (Node drains an unread body
 * after the answer) for at most LINGER_MS, then the connection is closed if it has not ended.
 */
export function lingerAfterAnswer(request: http.IncomingMessage, response: http.ServerResponse): void {
  if (request.complete) return;
  if (request.destroyed) {
    response.shouldKeepAlive = false;
    return;
  }
  response.once('finish', () => {
    const timer = setTimeout(() => {
      if (!request.complete) request.socket.destroy();
    }, LINGER_MS);
    timer.unref();
    request.once('end', () => clearTimeout(timer));
  });
}

export class BodyTooLarge extends Error {}

/** Refuses a body whose announced length passes `limit`, before a byte of it is read. */
export function checkAnnouncedLength(request: http.IncomingMessage, limit: number): void {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLarge(`request body over ${limit} bytes`);
}

/** A body read whole, refused (BodyTooLarge) from its announced length or once it passes `limit`. */
export async function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer> {
  checkAnnouncedLength(request, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge(`request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
