// Who is asking: the CLI (its token as a Bearer header), a logged-in browser page (its session as a
// Bearer header, or as a WebSocket subprotocol since browsers cannot set headers there), or nobody.
// Nothing is read from cookies or the URL: a browser sends those by itself, to any port.
import type http from 'node:http';
import { secretsEqual, type BrowserLogin } from './browser-login.ts';

export type Caller = 'cli' | 'browser' | null;

/** The WebSocket subprotocol the page offers; the daemon answers with this name alone. */
export const WS_PROTOCOL = 'ferry';
export const WS_SESSION_PREFIX = 'ferry.session.';

function presented(request: http.IncomingMessage): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  for (const protocol of (request.headers['sec-websocket-protocol'] ?? '').split(',')) {
    const name = protocol.trim();
    if (name.startsWith(WS_SESSION_PREFIX)) return name.slice(WS_SESSION_PREFIX.length);
  }
  return null;
}

export function callerOf(request: http.IncomingMessage, login: BrowserLogin): Caller {
  const given = presented(request);
  if (secretsEqual(given, login.cliToken)) return 'cli';
  return login.sessionValid(given) ? 'browser' : null;
}

/** Browsers send Origin on WebSocket and fetch; only our own page (or a non-browser client) may talk to us. */
export function originAllowed(request: http.IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
