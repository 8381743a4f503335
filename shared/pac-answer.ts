// A PAC answer, as FindProxyForURL returns it and Electron's session.resolveProxy reports it
// ("PROXY h:p; HTTPS h:p; SOCKS5 h:p; DIRECT"), as the proxy Ferry uses: the first entry it can
// use, in order. Ferry does not fall over to the next entry when that proxy fails (a failed
// connection is retried like any other); entries it cannot use are skipped, each with a reason.
//   PROXY and HTTP h:p  -> http://h:p      (port 80 when none is given)
//   HTTPS h:p           -> https://h:p     (443)
//   SOCKS5 and SOCKS h:p -> socks5h://h:p  (1080): names are resolved by the proxy, as Chromium's
//                           SOCKS5 does. SOCKS means version 4 to browsers; Ferry speaks only
//                           SOCKS5, which every common SOCKS server (dante, ssh -D) speaks too.
//   DIRECT (or an empty answer) -> no proxy
import { proxyUrlProblem } from './proxy-url.ts';

export type PacChoice =
  /** `proxy`: a proxy URL, or null to go direct; `skipped`: the entries before it Ferry could not use. */
  | { usable: true; proxy: string | null; skipped: string[] }
  /** No entry Ferry can use; `skipped` says why for each. */
  | { usable: false; skipped: string[] };

const SCHEMES: Record<string, { scheme: string; port: number }> = {
  PROXY: { scheme: 'http', port: 80 },
  HTTP: { scheme: 'http', port: 80 },
  HTTPS: { scheme: 'https', port: 443 },
  SOCKS: { scheme: 'socks5h', port: 1080 },
  SOCKS5: { scheme: 'socks5h', port: 1080 },
};

/** The whole answer's length Ferry reads; a script's answer is rarely more than a few entries. */
const MAX_ANSWER = 8192;

/** One entry as a proxy URL, or the reason it cannot be used. */
function entryProxy(entry: string): { proxy: string | null } | { problem: string } {
  const [kind = '', address, ...rest] = entry.split(/\s+/);
  const type = kind.toUpperCase();
  if (type === 'DIRECT' && address === undefined) return { proxy: null };
  const known = SCHEMES[type];
  if (!known) return { problem: `"${entry}": Ferry does not speak ${kind} proxies` };
  if (address === undefined || rest.length > 0) return { problem: `"${entry}": expected ${type} host:port` };
  // host, host:port, [v6] or [v6]:port; a bare IPv6 address has more than one colon.
  const host = String.raw`(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)`;
  const withPort = new RegExp(`^${host}:\\d{1,5}$`).test(address) ? address : new RegExp(`^${host}$`).test(address) ? `${address}:${known.port}` : null;
  if (!withPort) return { problem: `"${entry}": "${address}" is not host:port` };
  const url = `${known.scheme}://${withPort}`;
  const problem = proxyUrlProblem(url);
  return problem ? { problem: `"${entry}": ${problem}` } : { proxy: url };
}

/** The proxy `answer` chooses: its first usable entry. */
export function parsePacAnswer(answer: string): PacChoice {
  const entries = answer
    .slice(0, MAX_ANSWER)
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return { usable: true, proxy: null, skipped: [] };
  const skipped: string[] = [];
  for (const entry of entries) {
    const read = entryProxy(entry);
    if ('proxy' in read) return { usable: true, proxy: read.proxy, skipped };
    skipped.push(read.problem);
  }
  return { usable: false, skipped };
}
