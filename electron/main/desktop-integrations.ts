// Settings' Browsers in the desktop app: which Ferry a browser's native host starts. The app's own
// Electron binary, run as plain Node, with the `ferry` command the app carries (a packaged build in
// its resources, `ferry/`, see build/electron-builder.yml; run from the sources, the repository's),
// for the app's own home (its user-data folder): the native host hands downloads to the app, and
// starts it (to its tray) when it is not running.
import fs from 'node:fs';
import path from 'node:path';
import type { IntegrationHost } from '../daemon/integrate/browser-integrations.ts';
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
  where: Omit<Where, 'userDataDir'>;
}

export const NO_FERRY_COMMAND = 'this build of the desktop app carries no "ferry" command for the browser to start; install Ferry\'s command and run "ferry integrate BROWSER"';

/** Where `ferry` is inside a packaged build's resources (the bundle beside it, in ferry/dist/cli). */
export const PACKAGED_FERRY = ['ferry', 'electron', 'daemon', 'bin', 'ferry.js'];

export function desktopIntegrationHost(places: DesktopPlaces): IntegrationHost {
  const ferryBin = places.resourcesPath !== null ? path.join(places.resourcesPath, ...PACKAGED_FERRY) : path.join(places.appPath, 'electron', 'daemon', 'bin', 'ferry.js');
  return {
    where: places.where,
    launch: fs.existsSync(ferryBin) ? { node: places.execPath, ferryBin, home: places.home, runAsNode: true } : NO_FERRY_COMMAND,
  };
}
