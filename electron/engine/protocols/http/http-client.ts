// The one HTTP client under every HTTP protocol (downloads and their segments, raw and multipart
// uploads, tus): which connection a request goes over (direct through the read-buffer agents, or
// through the proxy the transfer's chooser names: proxy-agents.ts), the User-Agent, Basic auth, the
// DNS lookup, the connect clock (connect-clock.ts), and a proxy's failures said of the proxy
// (proxy-errors.ts). The redirect rule is
// http-get.ts's: only downloads follow redirects; an upload's body is never sent to another address.
// Not got: per request it cost 1.10 ms of CPU against 0.39 ms for node:http (800 GETs of 100 kB
// from nginx, warmed), a fifth of the daemon's work when 200 small files are queued at once.
import type http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { LookupFunction } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import type { ProxyChooser, ProxyServer } from '../../proxy/proxy-server.ts';
import { proxyName } from '../../proxy/proxy-server.ts';
import { proxyAuthError, proxyFailure } from './proxy-errors.ts';
import { FERRY_VERSION } from '../../../../shared/version.ts';
import { transportFor } from './read-buffer-agent.ts';
import { watchConnect } from './connect-clock.ts';

/** The User-Agent of every request Ferry makes. */
export const USER_AGENT = `Ferry/${FERRY_VERSION}`;

export interface Credential {
  username: string;
  password: string;
}

/** What every request of one transfer's run shares: whom it logs in as, its clocks, its DNS. */
export interface HttpRoute {
  credential: Credential | null;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  signal: AbortSignal;
  dnsLookup?: LookupFunction | undefined;
  /** The proxy for each request's URL; absent: direct. */
  proxy?: ProxyChooser | undefined;
}

/** The Authorization header of a Basic login. */
export function basicAuthorization(credential: Credential): string {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
}

const hasHeader = (headers: Record<string, string>, name: string) => Object.keys(headers).some((key) => key.toLowerCase() === name);

/**
 * The headers a request goes out with: Ferry's User-Agent and the Basic login unless the request's
 * own headers say otherwise (a header given by the user wins, as it always has with Node's `auth`).
 */
export function requestHeaders(headers: Record<string, string>, credential: Credential | null): Record<string, string> {
  const out: Record<string, string> = hasHeader(headers, 'user-agent') ? { ...headers } : { 'user-agent': USER_AGENT, ...headers };
  if (credential && !hasHeader(headers, 'authorization')) out['authorization'] = basicAuthorization(credential);
  return out;
}

export interface Connection {
  /** Node's options for the request: the agent it goes over and the DNS lookup. */
  options: http.RequestOptions;
  /** The proxy it goes through; null: direct. */
  proxy: ProxyServer | null;
}

/** How a request to `url` on this route connects. */
export async function connectionFor(url: URL, route: Pick<HttpRoute, 'dnsLookup' | 'proxy'>): Promise<Connection> {
  const lookup = route.dnsLookup ? { lookup: route.dnsLookup } : {};
  const proxy = route.proxy ? await route.proxy(url) : null;
  if (proxy) {
    const secure = url.protocol === 'https:';
    // https-proxy-agent leaves out the host when it starts TLS over the tunnel: an IP address would
    // be checked as "localhost". The certificate is checked against the server's own name.
    const identity = secure ? { checkServerIdentity: (_host: string, cert: PeerCertificate) => checkServerIdentity(url.hostname.replace(/^\[|\]$/g, ''), cert) } : {};
    // The proxy libraries load only when a proxy is used (they cost a direct download's start).
    const { proxyAgent } = await import('./proxy-agents.ts');
    return { options: { agent: proxyAgent(proxy, secure, route.dnsLookup), ...lookup, ...identity }, proxy };
  }
  return { options: { agent: transportFor(url).agent, ...lookup }, proxy: null };
}

/** A failure of a request to `url` over `connection`, said of the proxy when it is the proxy's. */
export function explainFailure(error: unknown, connection: Connection, url: URL): unknown {
  return connection.proxy ? proxyFailure(error, connection.proxy, url.href) : error;
}

/** The proxy refused the request (407): the error to fail with; null for any other answer. */
export function proxyRefusal(status: number, challenge: () => string | string[] | undefined, connection: Connection, url: URL): Error | null {
  return connection.proxy && status === 407 ? proxyAuthError(connection.proxy, url.href, challenge()) : null;
}

export interface OpenedRequest {
  request: http.ClientRequest;
  /** Stops the connect clock (the answer came, or the request ended). */
  stopConnectClock: () => void;
  /**
   * The answer's head; rejects with the request's failure (said of the proxy where it is the
   * proxy's) and with ProxyAuthenticationRequired for a proxy's 407.
   */
  answer: Promise<IncomingMessage>;
  /** Any failure met while sending, said of the proxy where it is the proxy's. */
  explain: (error: unknown) => unknown;
}

/**
 * Starts a request to `url` (the caller writes its body, if any, and ends it): connected within the
 * route's connect timeout, then `connected` is called (to start the caller's next clock).
 */
export async function openRequest(url: URL, init: { method: string; headers: Record<string, string> }, route: HttpRoute, connected: () => void): Promise<OpenedRequest> {
  const connection = await connectionFor(url, route);
  // https (and TLS) loaded only for an https request (read-buffer-agent.ts).
  const request = transportFor(url).module.request(url, {
    method: init.method,
    headers: requestHeaders(init.headers, route.credential),
    signal: route.signal,
    ...connection.options,
  });
  const peer = connection.proxy ? `the proxy ${proxyName(connection.proxy)}` : 'the server';
  const stopConnectClock = watchConnect(request, route.connectTimeoutMs, connected, peer);
  const explain = (error: unknown) => explainFailure(error, connection, url);
  const answer = new Promise<IncomingMessage>((resolve, reject) => {
    request.once('response', (response) => {
      stopConnectClock();
      const refusal = proxyRefusal(response.statusCode ?? 0, () => response.headers['proxy-authenticate'], connection, url);
      if (refusal) {
        response.destroy();
        reject(refusal);
      } else {
        resolve(response);
      }
    });
    request.once('error', (error) => {
      stopConnectClock();
      reject(explain(error));
    });
  });
  // The caller awaits it when it is ready (after the body); until then a failure is not unhandled.
  answer.catch(() => undefined);
  return { request, stopConnectClock, answer, explain };
}
