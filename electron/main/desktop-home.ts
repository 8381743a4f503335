// The desktop app's home is its user-data folder: it holds it with the same lock as a daemon holds
// its home (never both: each would write the same state file), and serves the same local API
// there (loopback, the home's token, Host/Origin checks, request limits: the daemon's server),
// so `ferry --home <that folder> ls/add` and the browser's native host reach the app and a
// hand-off lands in the app's own list. It also says in the home how to start the app (to its
// tray), which the native host does when nothing serves the home. Plain Node: main.ts injects
// the Electron parts.
import { ensureHome, HomeLockedError, lockHome } from '../daemon/home.ts';
import { hostLocalApi, type LocalApi } from '../daemon/local-api-host.ts';
import { writeDesktopStart, type DesktopStart } from '../daemon/home-owner.ts';
import type { IntegrationApi } from '../daemon/integrate/browser-integrations.ts';
import type { TransferService } from '../engine/transfer-service.ts';
import { hostAria2Rpc, type Aria2RpcHost } from '../daemon/aria2-rpc/rpc-host.ts';
import type { DaemonServer } from '../daemon/server.ts';
import type { GroupNotice } from '../../shared/groups.ts';

/** Takes the home for the app, or says in words who holds it and what to do. */
export async function claimDesktopHome(home: string, warn: (message: string) => void): Promise<() => Promise<void>> {
  ensureHome(home, warn);
  try {
    return await lockHome(home);
  } catch (error) {
    if (!(error instanceof HomeLockedError)) throw error;
    throw new HomeLockedError(`Ferry cannot open its data folder: ${error.message}. Stop it ("ferry --home '${home}' stop") and start Ferry again.`);
  }
}

export interface DesktopHomeParts {
  /** The user-data folder, already claimed (claimDesktopHome). */
  home: string;
  /** Settings' Browsers as the desktop app installs them. */
  integrations: IntegrationApi;
  /** How to start this app for this home (the native host does, when nothing serves it). */
  start: DesktopStart;
  /** The app's built renderer (dist/renderer in the app): `ferry --home <this folder> ui` opens it in a browser. */
  rendererDir: string;
  /** app.quit(): `ferry stop` quits the app as its tray's Quit does. */
  quit(): void;
  /** The aria2 RPC's secret as the app keeps it (desktopAria2Secret: encrypted with safeStorage). */
  aria2Secret(): string | null;
  warn(message: string): void;
  /** Where to say that the aria2 RPC listens or stopped (the app's console). */
  info(message: string): void;
}

export interface DesktopHome extends LocalApi {
  /** aria2's JSON-RPC as the daemon answers it, following the settings while the app runs. */
  aria2Rpc: Aria2RpcHost;
}

/** Serves the home's local API on 127.0.0.1, and the aria2 RPC when the settings ask for it, until closed. */
export async function serveDesktopHome(service: TransferService, parts: DesktopHomeParts): Promise<DesktopHome> {
  const local = await hostLocalApi(service, { home: parts.home, owner: 'desktop', host: '127.0.0.1', port: 0, integrations: parts.integrations, stop: parts.quit, warn: parts.warn, rendererDir: parts.rendererDir });
  try {
    writeDesktopStart(parts.home, parts.start);
  } catch (error) {
    parts.warn(`cannot write how to start Ferry into ${parts.home} (${(error as Error).message}): a browser's hand-off will start a daemon there while the app is not running`);
  }
  // `ferry config set aria2Rpc.secret` writes a plain file and then sends a settings change: the
  // secret is taken in (encrypted, the file removed) at once, whether the RPC is on or not.
  const takeInSecret = (): void => void parts.aria2Secret();
  takeInSecret();
  const unfollow = service.on('settingsChanged', takeInSecret);
  const aria2Rpc = await hostAria2Rpc(local.api, { events: service, secret: parts.aria2Secret, warn: parts.warn, info: parts.info });
  return {
    ...local,
    aria2Rpc,
    close: async () => {
      unfollow();
      await aria2Rpc.close();
      await local.close();
    },
  };
}

/**
 * A group's notify action in the desktop app: the system's notification (`show`), and every
 * browser page logged in to the app's home (`pages`: its server once serving) hears the notice as a
 * daemon's pages do. What it says goes into the group's history.
 */
export function desktopGroupNotify(show: (notice: GroupNotice) => void, pages: () => Pick<DaemonServer, 'tellPages'> | null): (notice: GroupNotice) => Promise<string> {
  return async (notice) => {
    show(notice);
    const told = pages()?.tellPages(notice) ?? 0;
    return told ? `shown, and told ${told} open browser page${told === 1 ? '' : 's'}` : 'shown';
  };
}
