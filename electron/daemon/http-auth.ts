// The daemon's token check: Bearer header (CLI), ?token= (the URL it prints) or the cookie the
// browser UI gets on its first visit, so every later request carries it without showing it.
import type http from 'node:http';
import { timingSafeEqual } from 'node:crypto';

export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Cookies are not per port, so the name carries it: two daemons on one host do not collide. */
export function cookieName(port: number): string {
  return `ferry_token_${port}`;
}

function cookieValue(request: http.IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

export function requestToken(request: http.IncomingMessage, url: URL, port: number): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  return url.searchParams.get('token') ?? cookieValue(request, cookieName(port));
}

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
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
