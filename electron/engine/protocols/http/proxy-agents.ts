// The connections through a proxy: http:// and https:// proxies with http-proxy-agent (absolute-form
// requests, for http targets) and https-proxy-agent (CONNECT, for https targets), SOCKS5 with
// socks-proxy-agent (socks5h: the proxy resolves the name). One agent per proxy, credential, kind
// of target and DNS lookup, kept for the process: connections to the proxy are pooled like direct
// ones (kept 5 s idle). They read with Node's own sockets: the read-buffer agents are for direct
// connections only.
import type http from 'node:http';
import type { LookupFunction } from 'node:net';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { SocksProxyAgent } from 'socks-proxy-agent';
import type { ProxyServer } from '../../proxy/proxy-server.ts';

const POOL: http.AgentOptions = { keepAlive: true, scheduling: 'lifo', timeout: 5000 };
const SYSTEM_LOOKUP = {};
const agents = new WeakMap<object, Map<string, http.Agent>>();

function makeAgent(server: ProxyServer, secureTarget: boolean, lookup: LookupFunction | undefined): http.Agent {
  const url = new URL(server.url);
  if (server.credential) {
    url.username = encodeURIComponent(server.credential.username);
    url.password = encodeURIComponent(server.credential.password);
  }
  const connect = lookup ? { lookup } : {};
  if (url.protocol === 'socks5:' || url.protocol === 'socks5h:') return new SocksProxyAgent(url, { ...POOL, socketOptions: connect });
  return secureTarget ? new HttpsProxyAgent(url, { ...POOL, ...connect }) : new HttpProxyAgent(url, { ...POOL, ...connect });
}

/** The agent for requests to an http (or, `secureTarget`, https) server through `server`. */
export function proxyAgent(server: ProxyServer, secureTarget: boolean, lookup: LookupFunction | undefined): http.Agent {
  let byProxy = agents.get(lookup ?? SYSTEM_LOOKUP);
  if (!byProxy) agents.set(lookup ?? SYSTEM_LOOKUP, (byProxy = new Map()));
  const key = JSON.stringify([secureTarget, server.url.href, server.credential?.username ?? null, server.credential?.password ?? null]);
  let agent = byProxy.get(key);
  if (!agent) byProxy.set(key, (agent = makeAgent(server, secureTarget, lookup)));
  return agent;
}
