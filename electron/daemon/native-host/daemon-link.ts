// How the native host reaches Ferry: whoever serves the home (the daemon, or the desktop app for
// its own folder), over its local API with the token in the home; when none runs and a download
// is handed over, the home's owner is started (an injected step, see home-owner.ts) and waited
// for, a bounded time.
import type { FerryApi } from '../../../shared/api.ts';
import { RemoteError } from '../../../shared/api-proxy.ts';
import { connectToDaemon } from '../client.ts';
import { readDaemonInfo } from '../home.ts';
import type { StartOwner } from '../home-owner.ts';
import type { DaemonLink } from './handle-request.ts';

export const START_WAIT_MS = 20_000;

export function daemonLink(home: string, startOwner: StartOwner, waitMs = START_WAIT_MS): DaemonLink {
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
      const owner = startOwner(home);
      const deadline = Date.now() + waitMs;
      // Another host may be starting one at the same moment (ours then exits): either will do.
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const started = await reachable();
        if (started) return started;
        if (owner.gaveUp()) break;
      }
      const how = owner.gaveUp() ? 'could not be started' : `did not answer within ${Math.round(waitMs / 1000)} s of being started`;
      throw new RemoteError({ status: 'CannotConnect', message: `${owner.name} ${how} for home ${home}; ${owner.hint}`, httpStatus: null });
    },
  };
}
