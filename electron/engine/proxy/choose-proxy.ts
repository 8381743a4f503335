// Which proxy a transfer's requests go through, chosen per request (a redirect may lead elsewhere):
// the transfer's own (--proxy URL, or "none" for direct) first; else the proxy setting: "none",
// a URL (hosts in the noProxy setting go direct), or "system" (the host's resolver: the
// environment for the daemon). A transfer's proxy credential (--proxy-user) is used with whichever
// proxy is chosen, over one in the proxy's URL.
import type { Settings } from '../../../shared/model.ts';
import { NO_PROXY, SYSTEM_PROXY } from '../../../shared/proxy-url.ts';
import { splitCredential } from '../intake/transfer-request.ts';
import { bypassesProxy } from './no-proxy.ts';
import { proxyServerFrom, type ProxyChooser, type ProxyServer, type SystemProxyResolver } from './proxy-server.ts';

export interface ProxyPolicy {
  /** The transfer's own proxy: a URL without credential, "none", or undefined for the setting's. */
  transferProxy: string | undefined;
  /** The transfer's proxy credential, "user:password". */
  transferCredential: string | undefined;
  settings: Pick<Settings, 'proxy' | 'noProxy'>;
  system: SystemProxyResolver;
}

export function proxyChooser(policy: ProxyPolicy): ProxyChooser {
  const withCredential = (server: ProxyServer): ProxyServer =>
    policy.transferCredential ? { ...server, credential: splitCredential(policy.transferCredential) } : server;
  return async (target) => {
    const own = policy.transferProxy;
    if (own === NO_PROXY) return null;
    if (own) return withCredential(proxyServerFrom(own, 'the transfer\'s proxy'));
    const { proxy, noProxy } = policy.settings;
    if (proxy === NO_PROXY || bypassesProxy(noProxy, target)) return null;
    if (proxy !== SYSTEM_PROXY) return withCredential(proxyServerFrom(proxy, 'the proxy setting'));
    const system = await policy.system(target);
    return system ? withCredential(proxyServerFrom(system, 'the system\'s proxy (HTTP_PROXY, HTTPS_PROXY or ALL_PROXY)')) : null;
  };
}

/** The chooser of one run of a transfer: its record's proxy, its secret's credential, the settings now. */
export function transferProxy(record: { proxy?: string | undefined }, secret: { proxyCredential?: string | undefined } | undefined, env: { settings(): Settings; systemProxy: SystemProxyResolver }): ProxyChooser {
  return proxyChooser({ transferProxy: record.proxy, transferCredential: secret?.proxyCredential, settings: env.settings(), system: env.systemProxy });
}
