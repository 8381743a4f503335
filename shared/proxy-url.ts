// What a proxy may be, wherever one is given (a transfer's --proxy, the proxy setting, the
// environment): http:// (absolute-form for http targets, CONNECT for https), https:// (TLS to the
// proxy), socks5:// (names resolved here) and socks5h:// (names resolved by the proxy).

export const PROXY_SCHEMES = ['http:', 'https:', 'socks5:', 'socks5h:'] as const;

/** What the proxy setting or a transfer's proxy may say besides a URL. */
export const NO_PROXY = 'none';
export const SYSTEM_PROXY = 'system';
/** The proxy setting's mode where the script at the pacUrl setting chooses (a PAC script). */
export const PAC_PROXY = 'pac';

/** Why `text` is not a proxy Ferry can use, or null when it is. */
export function proxyUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `a proxy must be a URL such as http://proxy.example:3128 or socks5h://127.0.0.1:1080, not ${JSON.stringify(text.replace(/:[^:@/]*@/, ':***@'))}`;
  }
  if (!(PROXY_SCHEMES as readonly string[]).includes(url.protocol)) {
    return `Ferry speaks to http, https, socks5 and socks5h proxies, not "${url.protocol.replace(/:$/, '')}"`;
  }
  if (!url.hostname) return 'the proxy URL has no host';
  if ((url.pathname !== '' && url.pathname !== '/') || url.search || url.hash) return 'a proxy URL is only scheme://host:port (no path, query or fragment)';
  return null;
}

/** The setting's value: "system", "none", "pac" or a proxy URL without a password (a setting is not a secret). */
export function proxySettingProblem(text: string): string | null {
  if (text === SYSTEM_PROXY || text === NO_PROXY || text === PAC_PROXY) return null;
  const problem = proxyUrlProblem(text);
  if (problem) return `proxy must be "system", "none", "pac" or a proxy URL: ${problem}`;
  if (new URL(text).password) return 'the proxy setting is saved in plain text: give the proxy\'s password per transfer (--proxy-user) or in the environment (HTTPS_PROXY=http://user:password@host:port), not here';
  return null;
}

/** Why `text` cannot be the pacUrl setting (empty, or an http, https or file: URL without a password), or null. */
export function pacUrlProblem(text: string): string | null {
  if (text === '') return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `a PAC script's address must be a URL such as http://wpad.example/proxy.pac or file:///etc/proxy.pac, not ${JSON.stringify(text.replace(/:[^:@/]*@/, ':***@'))}`;
  }
  if (!['http:', 'https:', 'file:'].includes(url.protocol)) return `Ferry reads PAC scripts over http or https or from a file: URL, not "${url.protocol.replace(/:$/, '')}"`;
  if (url.password) return 'the pacUrl setting is saved in plain text: give a PAC address without a password';
  return null;
}

/** Why the proxy and pacUrl settings together cannot be used ("pac" without an address), or null. */
export function pacSettingsProblem(settings: { proxy: string; pacUrl: string }): string | null {
  return settings.proxy === PAC_PROXY && settings.pacUrl === '' ? 'the proxy setting "pac" needs the PAC script\'s address in the pacUrl setting (set pacUrl first)' : null;
}
