// Which proxy a transfer's requests go through, chosen per request (a redirect may lead elsewhere):
// the transfer's own (--proxy URL, or "none" for direct) first; else the proxy setting: "none",
// a URL, "pac" (the script at the pacUrl setting chooses: proxy/pac/) or "system" (the host's
// resolver: the environment for the daemon); hosts in the noProxy setting go direct in each. A transfer's proxy credential (--proxy-user) is used with whichever
// proxy is chosen, over one in the proxy's URL.
import type { Settings } from '../../../shared/model.ts';
import { NO_PROXY, PAC_PROXY, pacSettingsProblem, SYSTEM_PROXY } from '../../../shared/proxy-url.ts';
import { TransferError } from '../errors/transfer-error.ts';
import { splitCredential } from '../intake/transfer-request.ts';
import { bypassesProxy } from './no-proxy.ts';
import { proxyServerFrom, type ProxyChooser, type ProxyServer, type SystemProxyResolver } from './proxy-server.ts';
import type { PacResolver } from './pac/pac-proxies.ts';
import { hideUrlPassword } from '../../../shared/url-password.ts';

export interface ProxyPolicy {
  /** The transfer's own proxy: a URL without credential, "none", or undefined for the setting's. */
  transferProxy: string | undefined;
  /** The transfer's proxy credential, "user:password". */
  transferCredential: string | undefined;
  settings: Pick<Settings, 'proxy' | 'noProxy' | 'pacUrl'>;
  system: SystemProxyResolver;
  /** The proxy setting "pac": the script's choice (never asked without it). */
  pac?: PacResolver | undefined;
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
    if (proxy === PAC_PROXY) {
      const chosen = await pacChoice(policy, target);
      return chosen ? withCredential(chosen) : null;
    }
    if (proxy !== SYSTEM_PROXY) return withCredential(proxyServerFrom(proxy, 'the proxy setting'));
    const system = await policy.system(target);
    return system ? withCredential(proxyServerFrom(system, 'the system\'s proxy (the OS\'s settings, or the environment\'s HTTP_PROXY, HTTPS_PROXY, FTP_PROXY or ALL_PROXY)')) : null;
  };
}

/** The proxy the PAC script chooses for `target`, or null for DIRECT. */
async function pacChoice(policy: ProxyPolicy, target: URL): Promise<ProxyServer | null> {
  const problem = pacSettingsProblem(policy.settings);
  if (problem || !policy.pac) throw new TransferError('InvalidArgument', problem ?? 'this host of Ferry does not run PAC scripts', { permanent: true });
  const chosen = await policy.pac(policy.settings.pacUrl, target);
  return chosen ? proxyServerFrom(chosen, `the PAC script ${hideUrlPassword(policy.settings.pacUrl)}`) : null;
}

/** The chooser of one run of a transfer: its record's proxy, its secret's credential, the settings now. */
export function transferProxy(record: { proxy?: string | undefined }, secret: { proxyCredential?: string | undefined } | undefined, env: { settings(): Settings; systemProxy: SystemProxyResolver; pacProxy?: PacResolver | undefined }): ProxyChooser {
  return proxyChooser({ transferProxy: record.proxy, transferCredential: secret?.proxyCredential, settings: env.settings(), system: env.systemProxy, pac: env.pacProxy });
}
