// How the CLI's client commands reach the running daemon: its port and token from the home.
import type { FerryApi } from '../../shared/api.ts';
import { createApiProxy, RemoteError, unwrapPayload } from '../../shared/api-proxy.ts';
import { readDaemonInfo } from './home.ts';

export function connectToDaemon(home: string): FerryApi {
  const info = readDaemonInfo(home);
  if (!info) {
    throw new RemoteError({
      status: 'CannotConnect',
      message: `no ferry daemon is running with home ${home}; start one with "ferry daemon"`,
      httpStatus: null,
    });
  }
  const host = info.host === '0.0.0.0' || info.host === '::' ? '127.0.0.1' : info.host;
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}/api/rpc`;
  return createApiProxy(async (method, args) => {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ method, args }),
      });
    } catch {
      throw new RemoteError({
        status: 'CannotConnect',
        message: `the ferry daemon for home ${home} is not answering (pid ${info.pid}, port ${info.port}); start it with "ferry daemon"`,
        httpStatus: null,
      });
    }
    return unwrapPayload(await response.json());
  });
}
