// A proxy a request goes through, and the host's seam for the system's proxy: the daemon reads the
// environment (env-proxy.ts); the desktop app may ask its own (Electron's session.resolveProxy,
// which follows the OS settings and PAC scripts) and give the answer as a URL.
import { TransferError } from '../errors/transfer-error.ts';
import { hideUrlPassword } from '../../../shared/url-password.ts';
import { proxyUrlProblem } from '../../../shared/proxy-url.ts';

export interface ProxyServer {
  /** scheme://host:port, without user or password. */
  url: URL;
  credential: { username: string; password: string } | null;
}

/** The proxy for a request to `target`, or null to go direct. */
export type ProxyChooser = (target: URL) => Promise<ProxyServer | null>;

/**
 * The system's proxy for `target` as the host finds it: a proxy URL (it may carry user:password),
 * or null for a direct connection.
 */
export type SystemProxyResolver = (target: URL) => Promise<string | null> | string | null;

/** How the proxy is named in messages: scheme://host:port. */
export const proxyName = (server: ProxyServer): string => `${server.url.protocol}//${server.url.host}`;

/** A proxy URL (a user:password in it is its credential); InvalidArgument naming `source` if it is not one. */
export function proxyServerFrom(text: string, source: string): ProxyServer {
  const problem = proxyUrlProblem(text);
  if (problem) throw new TransferError('InvalidArgument', `${source}: ${problem}`, { permanent: true });
  const url = new URL(text);
  const credential = url.username || url.password ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : null;
  url.username = '';
  url.password = '';
  return { url, credential };
}

/** `text` shown safely (a URL's password hidden). */
export const shownProxy = (text: string): string => hideUrlPassword(text);
