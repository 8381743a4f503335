// The browser page's login to the daemon. The URL that `ferry daemon` or `ferry ui` prints carries a
// one-time code in its fragment (#login=...), which never leaves the browser except in the trade
// below; the session it buys is kept in this origin's localStorage (per scheme, host and port, so
// no other local server can read it) and sent explicitly, never as a cookie.
const KEY = 'ferry.session';

export type SessionState = 'valid' | 'loggedOut' | 'unreachable';

export function currentSession(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Trades a login code in the address for a session (and drops the code from the address). */
export async function loginFromAddress(): Promise<void> {
  const code = /(?:^#|&)login=([\w-]+)/.exec(location.hash)?.[1];
  if (!code) return;
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  try {
    const response = await fetch('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    const body = (await response.json()) as { result?: { session: string } };
    if (response.ok && body.result) localStorage.setItem(KEY, body.result.session);
  } catch {
    // The daemon is unreachable: the page says so when it fails to connect.
  }
}

export function authHeaders(): Record<string, string> {
  const session = currentSession();
  return session ? { authorization: `Bearer ${session}` } : {};
}

/** The WebSocket subprotocols that carry the session (a browser cannot set headers there). */
export function wsProtocols(): string[] {
  const session = currentSession();
  return session ? ['ferry', `ferry.session.${session}`] : ['ferry'];
}

/** Whether the daemon still takes our session: tells "logged out" from "daemon not running". */
export async function checkSession(): Promise<SessionState> {
  if (!currentSession()) return 'loggedOut';
  try {
    const response = await fetch('/api/session', { headers: authHeaders() });
    return response.ok ? 'valid' : response.status === 401 ? 'loggedOut' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}
