// `ferry daemon`: hosts the engine for the CLI and the browser UI until stopped.
import path from 'node:path';
import { ensureHome, HomeLockedError, lockHome } from '../home.ts';
import { openHomeStores } from '../file-stores.ts';
import { createService } from '../engine-factory.ts';
import { platformMonitor } from '../../engine/policy/conditions/platform-monitor.ts';
import { onInterrupt } from '../interrupts.ts';
import { stagedFilePath } from '../staging.ts';
import { hostLocalApi } from '../local-api-host.ts';
import { desktopHomeRefusal, HOME_TAKEN_EXIT } from '../home-owner.ts';
import { plainGroupActions } from '../../engine/groups/group-actions.ts';
import { hostAria2Rpc } from '../aria2-rpc/rpc-host.ts';
import { integrationApi, LOOPBACK_HOSTS, nodeIntegrationHost, onlyOnLoopback } from '../integrate/browser-integrations.ts';
import { aria2SecretReader } from '../aria2-secret.ts';
import { powerService } from '../../engine/when-done/power.ts';
import { whenDoneHost } from '../../engine/when-done/when-done-host.ts';
import type { WhenDoneHost } from '../../engine/when-done/when-done.ts';
import { whenDoneActing, whenDoneLine } from '../when-done-text.ts';
import type { GroupNotice } from '../../../shared/groups.ts';
import { ACTIONS_FILE } from '../../../shared/named-actions.ts';
import { actionsFileReader } from '../../engine/groups/actions-file.ts';

export interface DaemonFlags {
  port?: string;
  host?: string;
}

export async function runDaemon(home: string, flags: DaemonFlags): Promise<number> {
  const warn = (message: string): void => {
    process.stderr.write(`ferry: warning: ${message}\n`);
  };
  const host = flags.host ?? '127.0.0.1';
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`ferry: InvalidArgument: --port must be a number from 0 to 65535\n`);
    return 2;
  }
  ensureHome(home, warn);
  const desktops = desktopHomeRefusal(home);
  if (desktops) {
    process.stderr.write(`ferry: ${desktops}\n`);
    return HOME_TAKEN_EXIT;
  }
  let release: () => Promise<void>;
  try {
    release = await lockHome(home);
  } catch (error) {
    if (error instanceof HomeLockedError) {
      process.stderr.write(`ferry: ${error.message}\n`);
      return HOME_TAKEN_EXIT;
    }
    throw error;
  }
  // SIGINT/SIGTERM, `ferry stop` or "when everything is done: quit", whichever comes first.
  let stopRequested: () => void = () => undefined;
  // The browser pages, once the server is up (a group fired again at start finds none).
  let tellPages: (notice: GroupNotice) => number = () => 0;
  const service = createService({
    ...openHomeStores(home, warn),
    warn,
    stagedFile: (id) => stagedFilePath(home, id),
    monitor: await platformMonitor(),
    groupActions: plainGroupActions({}, {
      notify: async (notice) => {
        process.stderr.write(`ferry: ${notice.title}: ${notice.body}\n`);
        const told = tellPages(notice);
        return told ? `told ${told} open browser page${told === 1 ? '' : 's'}` : 'no browser page was open; said on the daemon\'s stderr';
      },
    }),
    namedActions: actionsFileReader(path.join(home, ACTIONS_FILE)),
    whenDone: announcedWhenDone(whenDoneHost(powerService(process.platform), () => stopRequested())),
  });
  await service.start();
  // The countdown and its end on stderr too: a daemon without a window still says what it will do.
  service.on('whenDoneChanged', (status) => process.stderr.write(`ferry: ${whenDoneLine(status)}\n`));
  const stopped = new Promise<void>((resolve) => {
    stopRequested = resolve;
    onInterrupt(resolve);
  });
  const local = await hostLocalApi(service, {
    home,
    owner: 'daemon',
    host,
    port,
    integrations: onlyOnLoopback(integrationApi(() => nodeIntegrationHost(home)), host),
    stop: () => stopRequested(),
    warn,
  });
  const { api, server } = local;
  tellPages = (notice) => server.tellPages(notice);
  // Before the URL is printed: whoever waits for it finds the aria2 RPC listening (when enabled).
  const aria2Rpc = await hostAria2Rpc(api, { events: service, secret: aria2SecretReader(home), warn, info: (message) => process.stderr.write(`ferry: ${message}\n`) });
  if (!LOOPBACK_HOSTS.has(host)) {
    warn(`listening on ${host}: other machines can reach this daemon (a login or the token is still required, but traffic is not encrypted)`);
  }
  // The first line: a one-time login for a browser (`ferry ui` makes another).
  process.stdout.write(`${server.loginUrl()}\n`);
  // On stderr: stdout's first line stays the URL alone, for scripts.
  const { downloadDir } = await service.getSettings();
  process.stderr.write(`ferry: daemon ready (pid ${process.pid}, home ${home}); downloads without -d or -o go to ${downloadDir}; open the URL above once in a browser ("ferry ui" makes another); stop with Ctrl-C or "ferry stop"\n`);

  await stopped;
  await aria2Rpc.close();
  await service.shutdown();
  await local.close();
  await release();
  return 0;
}

function announcedWhenDone(host: WhenDoneHost): WhenDoneHost {
  return {
    ...host,
    act: async (action) => {
      process.stderr.write(`ferry: ${whenDoneActing(action)}\n`);
      await host.act(action);
    },
  };
}
