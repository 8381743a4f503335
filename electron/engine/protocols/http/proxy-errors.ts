// What went wrong on the way through a proxy, said of the proxy: a 407 (or a SOCKS5 refusal of the
// login) is ProxyAuthenticationRequired saying whether the credential is missing or wrong; a proxy
// that cannot be reached is CannotConnect naming the proxy, not the server. Basic and Digest are
// spoken to http(s) proxies (auth/proxy-login.ts).
import { TransferError } from '../../errors/transfer-error.ts';
import { hideUrlPassword } from '../../../../shared/url-password.ts';
import { proxyName, type ProxyServer } from '../../proxy/proxy-server.ts';
import { CONNECT_REFUSED } from './auth/proxy-login.ts';

const GIVE = 'give it with --proxy-user NAME (asks for the password), in the proxy\'s URL (http://NAME:PASSWORD@host:port in HTTPS_PROXY) or in the add form';

function schemesOf(challenge: string | string[] | undefined): string[] {
  const all = Array.isArray(challenge) ? challenge : challenge ? [challenge] : [];
  return all.map((value) => value.trim().split(/\s+/)[0] ?? '').filter(Boolean);
}

/** The proxy answered 407 (its Proxy-Authenticate header given). */
export function proxyAuthError(server: ProxyServer, target: string, challenge: string | string[] | undefined, httpStatus: number | null = 407): TransferError {
  const name = proxyName(server);
  const schemes = schemesOf(challenge);
  const spoken = schemes.length === 0 || schemes.some((scheme) => ['basic', 'digest'].includes(scheme.toLowerCase()));
  let message: string;
  if (!spoken) {
    message = `the proxy ${name} asks for ${schemes.join(' or ')} authentication, which Ferry does not speak to proxies (only Basic and Digest)`;
  } else if (!server.credential) {
    message = `the proxy ${name} asks for a login and none was given: ${GIVE}`;
  } else {
    message = `the proxy ${name} refused the login of user "${server.credential.username}": the name or the password is wrong`;
  }
  return new TransferError('ProxyAuthenticationRequired', `${message} (while fetching ${hideUrlPassword(target)})`, { httpStatus, permanent: true });
}

/** Failures that mean the proxy itself was not reached. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT']);

/** `error` said of the proxy when it is the proxy's doing; else `error` as it was. */
export function proxyFailure(error: unknown, server: ProxyServer, target: string): unknown {
  if (error instanceof TransferError) return error;
  const name = proxyName(server);
  const code = (error as NodeJS.ErrnoException).code;
  const hostname = (error as { hostname?: string }).hostname;
  // socks5:// resolves the server's name here: a name that is not the proxy's is the server's.
  const otherName = (code === 'ENOTFOUND' || code === 'EAI_AGAIN') && hostname !== undefined && hostname !== server.url.hostname;
  if (code && UNREACHABLE.has(code) && !otherName) {
    return new TransferError('CannotConnect', `could not connect to the proxy ${name} (${code}) to reach ${hideUrlPassword(target)}: check the proxy (--proxy, the proxy setting, or HTTP_PROXY, HTTPS_PROXY and ALL_PROXY) and that it runs`, { cause: error });
  }
  const message = (error as Error).message ?? '';
  // A CONNECT whose login (or its answer to a Digest challenge) the proxy refused with 407.
  if (message.startsWith(CONNECT_REFUSED)) return proxyAuthError(server, target, undefined);
  if (message.startsWith('Socks5 Authentication failed') || message.includes('no accepted authentication type')) {
    return proxyAuthError(server, target, undefined, null);
  }
  if (message.startsWith('Socks5 proxy rejected connection')) {
    const reason = message.split(' - ')[1] ?? 'refused';
    return new TransferError('CannotConnect', `the proxy ${name} could not connect to ${hideUrlPassword(target)} (${reason})`, { cause: error });
  }
  if (message === 'Proxy connection timed out') return new TransferError('Timeout', `the proxy ${name} did not answer in time`, { cause: error });
  return error;
}
