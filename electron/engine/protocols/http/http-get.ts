// A GET with Node's own client, following redirects the way a download needs: at most 10, to http
// or https only, the Range kept, and every secret (credentials, Authorization, cookies, API keys:
// shared/secret-headers.ts) dropped for good once the chain leaves the origin it was given for
// (the jar's cookies go where their domain allows). A 401 whose challenge can be answered (Digest)
// is answered on the spot, as the same request. Its requests go through the one client (http-client.ts).
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { isSecretHeader } from '../../../../shared/secret-headers.ts';
import { seconds, timeoutFail } from './connect-clock.ts';
import { TransferError } from '../../errors/transfer-error.ts';
import { hideUrlPassword } from '../../../../shared/url-password.ts';
import { answerChallenge, newRounds, openRequest, type AuthRounds, type HttpRoute } from './http-client.ts';
import { ProxyChallenged } from './auth/proxy-login.ts';

export interface HttpGetRequest extends HttpRoute {
  url: string;
  headers: Record<string, string>;
  /** The address the secrets were given for, when `url` is not it: another origin gets none from the start. */
  givenFor?: string | undefined;
}

export interface HttpGetAnswer {
  statusCode: number;
  statusMessage: string | undefined;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  /** Where the answer came from, after the redirects. */
  url: string;
  /** The body, to be read (or destroyed) by the caller. */
  body: IncomingMessage;
}

const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A redirect chain that cannot be followed is the server's doing and will not change by itself. */
const brokenRedirect = (message: string) => new TransferError('ServerError', message, { permanent: true });

/** One request: connected within connectTimeoutMs (connect-clock.ts), then its head within responseTimeoutMs. */
async function requestOnce(url: URL, headers: Record<string, string>, route: HttpRoute, rounds: AuthRounds): Promise<IncomingMessage | null> {
  let timer: NodeJS.Timeout | null = null;
  const opened = await openRequest(url, { method: 'GET', headers }, route, () => {
    timer = setTimeout(() => timeoutFail(opened.request)(`the server did not answer within ${seconds(route.responseTimeoutMs)}`), route.responseTimeoutMs);
  }, rounds);
  opened.request.end();
  try {
    return await opened.answer;
  } catch (error) {
    // The proxy asked for a Digest login it can be given: the request goes again.
    if (error instanceof ProxyChallenged) return null;
    throw error;
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export async function httpGet(request: HttpGetRequest): Promise<HttpGetAnswer> {
  const origin = new URL(request.givenFor ?? request.url).origin;
  let url = new URL(request.url);
  let headers = { ...request.headers };
  let route: HttpRoute = request;
  // Gone from the origin they were given for: the secrets stay behind, also if it comes back.
  const leave = (next: URL): void => {
    if (next.origin === origin) return;
    headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !isSecretHeader(name)));
    route = { ...route, credential: null };
  };
  leave(url);
  let rounds = newRounds();
  for (let redirects = 0; ; redirects++) {
    const response = await requestOnce(url, headers, route, rounds);
    if (!response) {
      redirects--;
      continue;
    }
    if (answerChallenge(url, headers, route, response.statusCode ?? 0, response.headersDistinct['www-authenticate'], rounds.server)) {
      // The 401's body is read away so the connection serves the answer.
      response.resume();
      redirects--;
      continue;
    }
    const location = response.headers.location;
    if (!REDIRECTS.has(response.statusCode ?? 0) || !location) {
      return { statusCode: response.statusCode ?? 0, statusMessage: response.statusMessage, headers: response.headers, rawHeaders: response.rawHeaders, url: url.toString(), body: response };
    }
    response.destroy();
    const shown = hideUrlPassword(request.url);
    if (redirects >= MAX_REDIRECTS) {
      throw brokenRedirect(`the server keeps redirecting ${shown} (more than ${MAX_REDIRECTS} redirects: a loop); the link is broken, or it needs a login or cookies that Ferry was not given`);
    }
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw brokenRedirect(`the server answered ${shown} with a redirect to something that is not a valid address; the link or the server is broken`);
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new TransferError('InvalidUri', `${shown} redirects to an address with the scheme "${next.protocol.replace(/:$/, '')}", which Ferry does not download (only http and https)`, { permanent: true });
    }
    leave(next);
    url = next;
    rounds = newRounds();
  }
}
