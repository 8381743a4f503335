// What every kind of transfer request shares: its URL, its secrets, a user's `~`.
import os from 'node:os';
import path from 'node:path';
import { TransferError } from '../errors/transfer-error.ts';
import { isHarmlessHeader } from '../../../shared/secret-headers.ts';
import { hideUrlPassword } from '../../../shared/url-password.ts';
import { schemesInWords } from '../../../shared/download-schemes.ts';
import type { TransferSecret } from '../state/records.ts';
import { NO_PROXY } from '../../../shared/proxy-url.ts';
import { parseNetscapeCookies } from '../protocols/http/auth/netscape-cookies.ts';

/** A URL Ferry can use, or InvalidUri saying why not (`verb`: what Ferry does with such URLs). */
export function parseTransferUrl(raw: string, schemes: readonly string[], verb: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new TransferError('InvalidUri', `not a valid URL: ${quoted(raw)}`);
  }
  if (!schemes.includes(url.protocol)) {
    throw new TransferError(
      'InvalidUri',
      `unsupported scheme "${url.protocol.replace(/:$/, '')}" in ${quoted(raw)}; Ferry ${verb} ${schemesInWords(schemes)} URLs`,
    );
  }
  if (!url.hostname) throw new TransferError('InvalidUri', `the URL has no host: ${quoted(raw)}`);
  return url;
}

/** The URL as typed, to quote in a message: its password hidden, a long one cut. */
function quoted(raw: string): string {
  const shown = hideUrlPassword(raw);
  return JSON.stringify(shown.length > 200 ? `${shown.slice(0, 200)}…` : shown);
}

/** `~` and `~/...` are the user's home, as in a shell. */
export function expandHome(file: string): string {
  return file === '~' || file.startsWith('~/') || file.startsWith(`~${path.sep}`) ? path.join(os.homedir(), file.slice(1)) : file;
}

/** A URL's user:password, taken out of it; null when it has none. */
function takeCredential(url: URL): string | null {
  if (!url.username && !url.password) return null;
  const credential = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = '';
  url.password = '';
  return credential;
}

/**
 * Splits what a request sends into what is saved with the record and what is secret (credentials,
 * cookies (a header, or a cookies.txt's, which start the transfer's jar), and every header but the
 * known harmless ones: kept apart, never shown back). A URL's
 * user:password is a credential like --user, and is taken out of the URL; a proxy URL's likewise
 * (as --proxy-user). `proxy`: the transfer's own proxy as the record keeps it (checked by the schema).
 */
export function requestSecrets(
  url: URL,
  request: { headers?: Record<string, string> | undefined; credential?: string | undefined; cookie?: string | undefined; cookieJar?: string | undefined; proxy?: string | undefined; proxyCredential?: string | undefined },
): { headers: Record<string, string>; secretHeaders: Record<string, string>; secret: TransferSecret | null; proxy: { proxy?: string } } {
  const secret: TransferSecret = {};
  const credential = takeCredential(url);
  if (credential) secret.credential = credential;
  if (request.credential) secret.credential = request.credential;
  const proxy: { proxy?: string } = {};
  if (request.proxy) {
    const proxyUrl = request.proxy === NO_PROXY ? null : new URL(request.proxy);
    const proxyCredential = proxyUrl && takeCredential(proxyUrl);
    if (proxyCredential) secret.proxyCredential = proxyCredential;
    proxy.proxy = proxyUrl ? `${proxyUrl.protocol}//${proxyUrl.host}` : NO_PROXY;
  }
  if (request.proxyCredential) secret.proxyCredential = request.proxyCredential;
  const headers: Record<string, string> = {};
  const secretHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    (isHarmlessHeader(name) ? headers : secretHeaders)[name.toLowerCase()] = value;
  }
  if (request.cookie) secretHeaders['cookie'] = request.cookie;
  if (Object.keys(secretHeaders).length > 0) secret.headers = secretHeaders;
  if (request.cookieJar !== undefined) {
    try {
      const cookies = parseNetscapeCookies(request.cookieJar);
      if (cookies.length > 0) secret.cookies = cookies;
    } catch (error) {
      throw new TransferError('InvalidArgument', (error as Error).message);
    }
  }
  return { headers, secretHeaders, secret: Object.keys(secret).length > 0 ? secret : null, proxy };
}

/** "user:password" as Basic auth takes it (a credential without a colon has an empty password). */
export function splitCredential(credential: string): { username: string; password: string } {
  const colon = credential.indexOf(':');
  return colon < 0
    ? { username: credential, password: '' }
    : { username: credential.slice(0, colon), password: credential.slice(colon + 1) };
}
