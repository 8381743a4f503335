// How the CLI's client commands reach the running daemon: its port and token from the home.
import http from 'node:http';
import type { FerryApi } from '../../shared/api.ts';
import { createApiProxy, RemoteError, unwrapPayload } from '../../shared/api-proxy.ts';
import { readDaemonInfo } from './home.ts';

/** POSTs `body` to one of the daemon's endpoints with the CLI's token; returns the unwrapped result. */
export async function postToDaemon(home: string, endpoint: string, body: unknown): Promise<unknown> {
  const info = readDaemonInfo(home);
  if (!info) {
    throw new RemoteError({
      status: 'CannotConnect',
      message: `no ferry daemon is running with home ${home}; start one with "ferry daemon"`,
      httpStatus: null,
    });
  }
  const host = info.host === '0.0.0.0' || info.host === '::' ? '127.0.0.1' : info.host;
  let text: string;
  try {
    text = await post(host, info.port, endpoint, info.token, JSON.stringify(body));
  } catch {
    throw new RemoteError({
      status: 'CannotConnect',
      message: `the ferry daemon for home ${home} is not answering (pid ${info.pid}, port ${info.port}); start it with "ferry daemon"`,
      httpStatus: null,
    });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    payload = null;
  }
  return unwrapPayload(payload);
}

/** The answer's body as text, whatever its status (the payload says what went wrong). Node's own
 * client: `fetch` would load undici, a fifth of a short command's start. */
function post(host: string, port: number, endpoint: string, token: string, json: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host, port, path: endpoint, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(json);
  });
}

export function connectToDaemon(home: string): FerryApi {
  return createApiProxy((method, args) => postToDaemon(home, '/api/rpc', { method, args }));
}
