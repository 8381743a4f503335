// The connections through a proxy: http:// and https:// proxies with http-proxy-agent (absolute-form
// requests, for http targets) and https-proxy-agent (CONNECT, for https targets), SOCKS5 with
// socks-proxy-agent (socks5h: the proxy resolves the name). One agent per proxy, credential, kind
// of target (for CONNECT, per target: a Digest answer names it) and DNS lookup, kept for the
// process: connections to the proxy are pooled like direct ones (kept 5 s idle). An absolute-form
// proxy's connections gather their reads before the parser sees them (gathered-reads.ts); CONNECT and SOCKS read their handshake with Node's own reads and keep them. An http(s) proxy's
// login is sent by Ferry (auth/proxy-login.ts: Basic, or Digest once the proxy asked), not by the
// libraries, which speak only Basic: a CONNECT's challenge is answered in the agent, an
// absolute-form request's by the client asking again (http-client.ts).
import type http from 'node:http';
import type { LookupFunction } from 'node:net';
import { HttpProxyAgent, type HttpProxyAgentOptions } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { SocksProxyAgent } from 'socks-proxy-agent';
import type { ProxyServer } from '../../proxy/proxy-server.ts';
import { CONNECT_REFUSED, ProxyLogin } from './auth/proxy-login.ts';
import { newRound } from './auth/challenge-answers.ts';
import { gatheredReads } from './gathered-reads.ts';

const POOL: http.AgentOptions = { keepAlive: true, scheduling: 'lifo', timeout: 5000 };
const SYSTEM_LOOKUP = {};
const agents = new WeakMap<object, Map<string, http.Agent>>();
const logins = new WeakMap<http.Agent, ProxyLogin>();


type AbsoluteFormRequest = Parameters<HttpProxyAgent<string>['setRequestProps']>[0];

/** http-proxy-agent with the login set by Ferry for each request (its method and absolute URL). */
class LoginHttpProxyAgent extends HttpProxyAgent<string> {
  private readonly login: ProxyLogin;
  constructor(url: URL, options: HttpProxyAgentOptions<string>, login: ProxyLogin) {
    super(url, options);
    this.login = login;
  }
  override setRequestProps(req: AbsoluteFormRequest, opts: Parameters<HttpProxyAgent<string>['setRequestProps']>[1]): void {
    super.setRequestProps(req, opts);
    req.setHeader('Proxy-Authorization', this.login.authorization(req.method, req.path));
  }
}

/**
 * Each connection the agent makes gathers its reads (gathered-reads.ts): http-proxy-agent reads its
 * `connectOpts` for each connection it makes, so each gets an `onread` of its own.
 */
function gatherReads(agent: HttpProxyAgent<string>): void {
  const options = agent.connectOpts;
  Object.defineProperty(agent, 'connectOpts', { get: () => ({ ...options, onread: gatheredReads() }) });
}

function makeAgent(server: ProxyServer, target: URL, lookup: LookupFunction | undefined): http.Agent {
  const url = new URL(server.url);
  const connect = lookup ? { lookup } : {};
  if (url.protocol === 'socks5:' || url.protocol === 'socks5h:') {
    if (server.credential) {
      url.username = encodeURIComponent(server.credential.username);
      url.password = encodeURIComponent(server.credential.password);
    }
    return new SocksProxyAgent(url, { ...POOL, socketOptions: connect });
  }
  const login = server.credential ? new ProxyLogin(server.credential) : null;
  let agent: http.Agent;
  if (target.protocol === 'https:') {
    const authority = target.host;
    agent = new HttpsProxyAgent(url, {
      ...POOL,
      ...connect,
      ...(login
        ? {
            headers: () => ({ 'Proxy-Authorization': login.authorization('CONNECT', authority) }),
            // The library tries once more with what this gives; refused again, it throws CONNECT_REFUSED.
            onProxyAuth: ({ response }) => {
              // Asked at most once per CONNECT: the round is that CONNECT's.
              if (!login.challenged(response.headers['proxy-authenticate'], undefined, newRound())) throw new Error(`${CONNECT_REFUSED}: the login was refused`);
              return Promise.resolve({ headers: { 'Proxy-Authorization': login.authorization('CONNECT', authority) } });
            },
          }
        : {}),
    });
  } else {
    // http-proxy-agent hands its options to net.connect (tls.connect for an https proxy).
    const options = { ...POOL, ...connect };
    agent = login ? new LoginHttpProxyAgent(url, options, login) : new HttpProxyAgent(url, options);
    gatherReads(agent as HttpProxyAgent<string>);
  }
  if (login) logins.set(agent, login);
  return agent;
}

/** The agent for requests to `target` through `server`. */
export function proxyAgent(server: ProxyServer, target: URL, lookup: LookupFunction | undefined): http.Agent {
  let byProxy = agents.get(lookup ?? SYSTEM_LOOKUP);
  if (!byProxy) agents.set(lookup ?? SYSTEM_LOOKUP, (byProxy = new Map()));
  const kind = target.protocol === 'https:' ? `CONNECT ${target.host}` : 'absolute-form';
  const key = JSON.stringify([kind, server.url.href, server.credential?.username ?? null, server.credential?.password ?? null]);
  let agent = byProxy.get(key);
  if (!agent) byProxy.set(key, (agent = makeAgent(server, target, lookup)));
  return agent;
}

/** The login an agent's requests carry (null: none, or SOCKS's own). */
export const proxyLoginOf = (agent: http.Agent | undefined): ProxyLogin | null => (agent ? (logins.get(agent) ?? null) : null);
