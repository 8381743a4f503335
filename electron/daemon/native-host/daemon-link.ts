// How the native host reaches Ferry: the running daemon of the home, over its local API with the
// token in the home; when none runs and a download is handed over, it starts one, as
// `ferry daemon` would, detached so that it outlives the browser's host process.
import { spawn } from 'node:child_process';
import type { FerryApi } from '../../../shared/api.ts';
import { RemoteError } from '../../../shared/api-proxy.ts';
import { connectToDaemon } from '../client.ts';
import { readDaemonInfo } from '../home.ts';
import type { DaemonLink } from './handle-request.ts';

const START_WAIT_MS = 20_000;

export function daemonLink(home: string, ferryBin: string): DaemonLink {
  const reachable = async (): Promise<FerryApi | null> => {
    if (!readDaemonInfo(home)) return null;
    const api = connectToDaemon(home);
    try {
      await api.getHostInfo();
      return api;
    } catch {
      return null;
    }
  };
  return {
    api: async ({ start }) => {
      const api = await reachable();
      if (api || !start) return api;
      const child = spawn(process.execPath, [ferryBin, '--home', home, 'daemon'], { detached: true, stdio: 'ignore' });
      let exited: number | null = null;
      child.once('exit', (code) => (exited = code ?? 1));
      child.once('error', () => (exited = 1));
      child.unref();
      const deadline = Date.now() + START_WAIT_MS;
      // Another host may be starting one at the same moment (ours then exits): either will do.
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const started = await reachable();
        if (started) return started;
        if (exited !== null && exited !== 3) break;
      }
      throw new RemoteError({ status: 'CannotConnect', message: `Ferry's daemon could not be started for home ${home}; run "ferry daemon" to see why`, httpStatus: null });
    },
  };
}
