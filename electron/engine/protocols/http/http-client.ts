// The one HTTP client under every HTTP protocol (downloads and their segments, raw and multipart
// uploads, tus): which connection a request goes over (direct through the read-buffer agents, or
// through the proxy the transfer's chooser names: proxy-agents.ts), the User-Agent, the login (Basic,
// or Digest once the server asked for it: auth/), the transfer's cookie jar (auth/transfer-cookies.ts),
// the DNS lookup, the connect clock (connect-clock.ts), and a proxy's failures said of the proxy
// (proxy-errors.ts). The redirect rule is
// http-get.ts's: only downloads follow redirects; an upload's body is never sent to another address.
// Not got: per request it cost 1.10 ms of CPU against 0.39 ms for node:http (800 GETs of 100 kB
// from nginx, warmed), a fifth of the daemon's work when 200 small files are queued at once.
import type http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { LookupFunction } from 'node:net';
import type tls from 'node:tls';
import type { ProxyChooser, ProxyServer } from '../../proxy/proxy-server.ts';
import { proxyName } from '../../proxy/proxy-server.ts';
import { proxyAuthError, proxyFailure } from './proxy-errors.ts';
import { FERRY_VERSION } from '../../../../shared/version.ts';
import { transportFor } from './read-buffer-agent.ts';
import { watchConnect } from './connect-clock.ts';
import { basicAuthorization } from './auth/basic.ts';
import type { HttpSession } from './auth/http-session.ts';
import { newRound, type AuthRound } from './auth/challenge-answers.ts';
import { DigestUnsupported } from './auth/digest.ts';
import { ProxyChallenged, type ProxyLogin } from './auth/proxy-login.ts';
import { TransferError } from '../../errors/transfer-error.ts';
import { hideUrlPassword } from '../../../../shared/url-password.ts';

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
  /** The transfer's Digest challenges and cookie jar; absent: Basic only, no jar. */
  session?: HttpSession | undefined;
}

const headerName = (headers: Record<string, string>, name: string) => Object.keys(headers).find((key) => key.toLowerCase() === name);
const hasHeader = (headers: Record<string, string>, name: string) => headerName(headers, name) !== undefined;

/** What a request to `url` asks for, as Digest's `uri` names it. */
const requestTarget = (url: URL) => `${url.pathname}${url.search}`;

/**
 * The headers a request goes out with: Ferry's User-Agent, the login (Basic, or the answer to the
 * server's Digest challenge once known; noted in `round`) unless the request's own headers say
 * otherwise (a header given by the user wins, as it always has with Node's `auth`), and the cookies
 * of the transfer's jar for this URL merged into the request's own.
 */
export async function requestHeaders(url: URL, method: string, headers: Record<string, string>, route: Pick<HttpRoute, 'credential' | 'session'>, round: AuthRound = newRound()): Promise<Record<string, string>> {
  const out: Record<string, string> = hasHeader(headers, 'user-agent') ? { ...headers } : { 'user-agent': USER_AGENT, ...headers };
  const { credential, session } = route;
  if (credential && !hasHeader(headers, 'authorization')) {
    out['authorization'] = session ? session.answers.authorization(url.origin, credential, method, requestTarget(url), round) : basicAuthorization(credential);
  }
  if (session) {
    const name = headerName(out, 'cookie');
    const cookie = await session.cookies.header(url, name === undefined ? undefined : out[name]);
    if (name !== undefined) delete out[name];
    if (cookie) out['cookie'] = cookie;
  }
  return out;
}

/**
 * A 401 came for a request sent with `sent` headers: true when it should go again, answering the
 * challenge (Digest: once, and once more for stale=true); false when the refusal stands (no login,
 * the user's own Authorization, or a wrong one: never tried again with the same).
 */
export function answerChallenge(url: URL, sent: Record<string, string>, route: Pick<HttpRoute, 'credential' | 'session'>, status: number, challenges: string | string[] | undefined, round: AuthRound): boolean {
  if (status !== 401 || !route.credential || !route.session || hasHeader(sent, 'authorization')) return false;
  try {
    return route.session.answers.challenged(url.origin, challenges, round);
  } catch (error) {
    if (!(error instanceof DigestUnsupported)) throw error;
    throw new TransferError('Unauthorized', `${hideUrlPassword(url.href)} asks for ${error.message}`, { httpStatus: 401, permanent: true });
  }
}

export interface Connection {
  /** Node's options for the request: the agent it goes over and the DNS lookup. */
  options: http.RequestOptions;
  /** The proxy it goes through; null: direct. */
  proxy: ProxyServer | null;
  /** The login Ferry sends to that proxy (http(s) proxies with a credential). */
  proxyLogin?: ProxyLogin | null;
}

/** How a request to `url` on this route connects. */
export async function connectionFor(url: URL, route: Pick<HttpRoute, 'dnsLookup' | 'proxy'>): Promise<Connection> {
  const lookup = route.dnsLookup ? { lookup: route.dnsLookup } : {};
  const proxy = route.proxy ? await route.proxy(url) : null;
  if (proxy) {
    const secure = url.protocol === 'https:';
    // https-proxy-agent leaves out the host when it starts TLS over the tunnel: an IP address would
    // be checked as "localhost". The certificate is checked against the server's own name.
    // node:tls is taken here, not imported: an http download does without TLS (~2.6 MiB).
    const check = secure ? process.getBuiltinModule('node:tls').checkServerIdentity : null;
    const identity = check ? { checkServerIdentity: (_host: string, cert: tls.PeerCertificate) => check(url.hostname.replace(/^\[|\]$/g, ''), cert) } : {};
    // The proxy libraries load only when a proxy is used (they cost a direct download's start).
    const { proxyAgent, proxyLoginOf } = await import('./proxy-agents.ts');
    const agent = proxyAgent(proxy, url, route.dnsLookup);
    return { options: { agent, ...lookup, ...identity }, proxy, proxyLogin: proxyLoginOf(agent) };
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

/** One request's tries at the server's login and at the proxy's (a request may meet both). */
export interface AuthRounds {
  server: AuthRound;
  proxy: AuthRound;
}

export const newRounds = (): AuthRounds => ({ server: newRound(), proxy: newRound() });

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
export async function openRequest(url: URL, init: { method: string; headers: Record<string, string> }, route: HttpRoute, connected: () => void, rounds?: AuthRounds): Promise<OpenedRequest> {
  const connection = await connectionFor(url, route);
  const headers = await requestHeaders(url, init.method, init.headers, route, rounds?.server);
  // https (and TLS) loaded only for an https request (read-buffer-agent.ts).
  const request = transportFor(url).module.request(url, {
    method: init.method,
    headers,
    signal: route.signal,
    ...connection.options,
  });
  const peer = connection.proxy ? `the proxy ${proxyName(connection.proxy)}` : 'the server';
  const stopConnectClock = watchConnect(request, route.connectTimeoutMs, connected, peer);
  const explain = (error: unknown) => explainFailure(error, connection, url);
  const answer = new Promise<IncomingMessage>((resolve, reject) => {
    request.once('response', (response) => {
      stopConnectClock();
      route.session?.cookies.received(url, response.headers['set-cookie']);
      if (response.statusCode === 407 && rounds && connection.proxyLogin) {
        let again: boolean;
        try {
          again = connection.proxyLogin.challenged(response.headersDistinct['proxy-authenticate'], request.getHeader('proxy-authorization') as string | undefined, rounds.proxy);
        } catch (error) {
          again = false;
          if (!(error instanceof DigestUnsupported)) throw error;
        }
        if (again) {
          response.resume();
          reject(new ProxyChallenged());
          return;
        }
      }
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
