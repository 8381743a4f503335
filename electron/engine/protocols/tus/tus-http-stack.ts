// tus-js-client's requests made by Ferry's one HTTP client (see clientHttpStack): its login (a
// Digest challenge answered by asking again, for requests without a body: the creation and the
// offset's HEAD come first, so the PATCHes answer at once), its User-Agent and its cookie jar.
import type { ClientRequest, IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import * as tus from 'tus-js-client';
import { answerChallenge, connectionFor, explainFailure, proxyRefusal, requestHeaders, type HttpRoute } from '../http/http-client.ts';
import { newRound } from '../http/auth/challenge-answers.ts';
import { watchConnect } from '../http/connect-clock.ts';
import { proxyName } from '../../proxy/proxy-server.ts';
import { pacedStream } from '../../pipe/paced-stream.ts';
import type { Pacer } from '../../pipe/token-bucket.ts';

/**
 * tus-js-client's Node HTTP stack on Ferry's one client (http-client.ts): each request goes over
 * the connection the client chooses for its URL (a proxy is chosen when it is sent), within the
 * connect clock, a proxy's refusal said of the proxy; every request body (a PATCH's bytes) passes
 * through the speed limits (the library reads the file itself, by ranges, so the pace is set where
 * the bytes leave). No redirect is followed (the library's stack does not).
 */
export function clientHttpStack(route: HttpRoute, pacer: Pacer, held: (held: boolean) => void): tus.HttpStack {
  return {
    getName: () => 'FerryHttpStack',
    createRequest: (method, url) => new ClientTusRequest(method, url, route, (body) => (body instanceof Readable ? pacedStream(body, pacer, held) : body)),
  };
}

/** One request of the library, made by Node's stack once its connection is known. */
class ClientTusRequest implements tus.HttpRequest {
  private readonly headers: Record<string, string> = {};
  private progress: (bytesSent: number) => void = () => undefined;
  private inner: tus.HttpRequest | null = null;
  private aborted = false;

  private readonly method: string;
  private readonly url: string;
  private readonly route: HttpRoute;
  private readonly paced: (body: unknown) => unknown;

  constructor(method: string, url: string, route: HttpRoute, paced: (body: unknown) => unknown) {
    this.method = method;
    this.url = url;
    this.route = route;
    this.paced = paced;
  }

  getMethod = () => this.method;
  getURL = () => this.url;
  setHeader = (name: string, value: string) => void (this.headers[name] = value);
  getHeader = (name: string) => this.headers[name];
  setProgressHandler = (handler: (bytesSent: number) => void) => void (this.progress = handler);
  getUnderlyingObject = () => this.inner?.getUnderlyingObject();

  async send(body: unknown): Promise<tus.HttpResponse> {
    const url = new URL(this.url);
    const round = newRound();
    for (;;) {
      const headers = await requestHeaders(url, this.method, this.headers, this.route, round);
      const response = await this.sendOnce(url, headers, body);
      const bodiless = body === null || body === undefined;
      if (!bodiless || !answerChallenge(url, this.headers, this.route, response.getStatus(), response.getHeader('WWW-Authenticate'), round)) return response;
    }
  }

  private async sendOnce(url: URL, headers: Record<string, string>, body: unknown): Promise<tus.HttpResponse> {
    const connection = await connectionFor(url, this.route);
    if (this.aborted) throw new Error('tus request aborted');
    const inner = new tus.DefaultHttpStack(connection.options).createRequest(this.method, this.url);
    for (const [name, value] of Object.entries(headers)) inner.setHeader(name, value);
    inner.setProgressHandler(this.progress);
    this.inner = inner;
    const sent = inner.send(this.paced(body) as Parameters<tus.HttpRequest['send']>[0]);
    // The library makes its request as send starts.
    const request = inner.getUnderlyingObject() as ClientRequest;
    request.once('response', (answer: IncomingMessage) => this.route.session?.cookies.received(url, answer.headers['set-cookie']));
    const stopConnectClock = watchConnect(request, this.route.connectTimeoutMs, () => undefined, connection.proxy ? `the proxy ${proxyName(connection.proxy)}` : 'the server');
    request.once('close', stopConnectClock);
    let response: tus.HttpResponse;
    try {
      response = await sent;
    } catch (error) {
      throw explainFailure(error, connection, url);
    } finally {
      stopConnectClock();
    }
    const refusal = proxyRefusal(response.getStatus(), () => response.getHeader('Proxy-Authenticate'), connection, url);
    if (refusal) throw refusal;
    return response;
  }

  abort(): Promise<void> {
    this.aborted = true;
    return this.inner ? this.inner.abort() : Promise.resolve();
  }
}
