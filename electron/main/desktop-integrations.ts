// Settings' Browsers in the desktop app: which Ferry a browser's native host starts. The app's own
// Electron binary, run as plain Node, with the `ferry` command the app carries (a packaged build in
// its resources, `ferry/`, see build/electron-builder.yml; run from the sources, the repository's),
// for the app's own home (its user-data folder): the native host hands downloads to the app, and
// starts it (to its tray) when it is not running.
import fs from 'node:fs';
import path from 'node:path';
import { integrationApi, type IntegrationApi, type IntegrationHost } from '../daemon/integrate/browser-integrations.ts';
import { TransferError } from '../engine/errors/transfer-error.ts';
import type { Where } from '../daemon/integrate/host-locations.ts';

export interface DesktopPlaces {
  /** app.getAppPath(): run from the sources, the `ferry` command is electron/daemon/bin/ferry.js under it. */
  appPath: string;
  /** A packaged build's process.resourcesPath (null run from the sources): `ferry` is under its ferry/. */
  resourcesPath: string | null;
  /** process.execPath: the Electron binary. */
  execPath: string;
  /** The app's home: its user-data folder, which it serves while it runs. */
  home: string;
  /**
   * A packaged AppImage's own file (APPIMAGE), else null. Its resources are mounted at a new path
   * each run and gone once it quits: the launcher runs that file, with a copy of `ferry` in the home.
   */
  appImage: string | null;
  where: Omit<Where, 'userDataDir'>;
}

export const NO_FERRY_COMMAND = 'this build of the desktop app carries no "ferry" command for the browser to start; install Ferry\'s command and run "ferry integrate BROWSER"';

/** Where `ferry` is inside a packaged build's resources (the bundle beside it, in ferry/dist/cli). */
export const PACKAGED_FERRY = ['ferry', 'electron', 'daemon', 'bin', 'ferry.js'];

/** Where an AppImage's `ferry` is copied in the home (the copy Install makes, see desktopIntegrationApi). */
export const COPIED_FERRY = 'ferry-command';

export function desktopIntegrationHost(places: DesktopPlaces): IntegrationHost {
  const packaged = places.resourcesPath !== null ? path.join(places.resourcesPath, ...PACKAGED_FERRY) : null;
  const ferryBin = packaged ?? path.join(places.appPath, 'electron', 'daemon', 'bin', 'ferry.js');
  const launch = (node: string, bin: string) => (fs.existsSync(ferryBin) ? { node, ferryBin: bin, home: places.home, runAsNode: true } : NO_FERRY_COMMAND);
  return {
    where: places.where,
    launch: places.appImage && packaged ? launch(places.appImage, path.join(places.home, COPIED_FERRY, ...PACKAGED_FERRY.slice(1))) : launch(places.execPath, ferryBin),
  };
}

/** Settings' Browsers in the desktop app; an AppImage copies the `ferry` it carries into the home before it installs a host that runs the copy. */
export function desktopIntegrationApi(places: () => DesktopPlaces): IntegrationApi {
  const api = integrationApi(() => desktopIntegrationHost(places()));
  return {
    ...api,
    setBrowserIntegration: async (browser, installed) => {
      const { appImage, resourcesPath, home } = places();
      const carried = resourcesPath === null ? null : path.join(resourcesPath, PACKAGED_FERRY[0]!);
      if (installed && appImage && carried && fs.existsSync(carried)) copyFerry(carried, path.join(home, COPIED_FERRY));
      return api.setBrowserIntegration(browser, installed);
    },
  };
}

/** Replaces the home's copy of `ferry` with the one this AppImage carries (a newer version brings a newer one). */
function copyFerry(from: string, to: string): void {
  try {
    fs.rmSync(to, { recursive: true, force: true });
    fs.cpSync(from, to, { recursive: true });
  } catch (error) {
    throw new TransferError('FileAccessDenied', `Ferry could not copy its "ferry" command into ${to} for the browser to start: ${(error as Error).message}`, { cause: error });
  }
}
