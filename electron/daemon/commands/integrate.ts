// `ferry integrate BROWSER [--user-data-dir DIR] [--remove]`: installs (or removes) the manifest
// that lets Ferry's browser extension start `ferry native-host`, for the current user.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RemoteError } from '../../../shared/api-proxy.ts';
import { BROWSERS, hostLocation, hostManifest, launcherScript, registryCommand, type Browser, type HostPlatform } from '../integrate/host-locations.ts';

export interface IntegrateFlags {
  userDataDir?: string;
  remove?: boolean;
}

const invalid = (message: string): RemoteError => new RemoteError({ status: 'InvalidArgument', message, httpStatus: null });

export async function runIntegrate(home: string, browser: string, flags: IntegrateFlags): Promise<number> {
  if (!(BROWSERS as readonly string[]).includes(browser)) throw invalid(`ferry integrate knows ${BROWSERS.join(', ')}; not ${JSON.stringify(browser)}`);
  const platform = process.platform as HostPlatform;
  if (!['linux', 'darwin', 'win32'].includes(platform)) throw invalid(`ferry integrate does not know where browsers look for native hosts on ${process.platform}`);
  let location;
  try {
    location = hostLocation(browser as Browser, { platform, homeDir: os.homedir(), ...(process.env['LOCALAPPDATA'] ? { localAppData: process.env['LOCALAPPDATA'] } : {}), ...(flags.userDataDir !== undefined ? { userDataDir: flags.userDataDir } : {}) });
  } catch (error) {
    throw invalid((error as Error).message);
  }
  const launcher = launcherScript(platform, { node: process.execPath, ferryBin: fs.realpathSync(process.argv[1] ?? ''), home });
  const launcherPath = path.join(location.dir, launcher.name);
  if (flags.remove) {
    const had = fs.existsSync(location.manifest);
    fs.rmSync(location.manifest, { force: true });
    fs.rmSync(launcherPath, { force: true });
    if (location.registryKey) {
      try {
        execFileSync('reg', registryCommand(location.registryKey, null), { stdio: 'ignore' });
      } catch {
        // No such key: nothing to take out.
      }
    }
    process.stderr.write(`ferry: ${had ? 'removed' : 'there was no'} Ferry's native host for ${browser} (${location.manifest})\n`);
    return 0;
  }
  fs.mkdirSync(location.dir, { recursive: true });
  fs.writeFileSync(launcherPath, launcher.text, { mode: 0o755 });
  fs.chmodSync(launcherPath, 0o755);
  fs.writeFileSync(location.manifest, `${JSON.stringify(hostManifest(browser as Browser, launcherPath), null, 2)}\n`);
  if (location.registryKey) execFileSync('reg', registryCommand(location.registryKey, location.manifest), { stdio: 'ignore' });
  process.stdout.write(`${location.manifest}\n`);
  process.stderr.write(`ferry: ${browser} may now hand downloads to Ferry (home ${home}) once Ferry's extension is installed\n`);
  return 0;
}
