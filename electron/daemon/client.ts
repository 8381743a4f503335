// How the CLI's client commands reach the running daemon: its port and token from the home.
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
  let response: Response;
  try {
    response = await fetch(`http://${host.includes(':') ? `[${host}]` : host}:${info.port}${endpoint}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new RemoteError({
      status: 'CannotConnect',
      message: `the ferry daemon for home ${home} is not answering (pid ${info.pid}, port ${info.port}); start it with "ferry daemon"`,
      httpStatus: null,
    });
  }
  return unwrapPayload(await response.json());
}

export function connectToDaemon(home: string): FerryApi {
  return createApiProxy((method, args) => postToDaemon(home, '/api/rpc', { method, args }));
}
