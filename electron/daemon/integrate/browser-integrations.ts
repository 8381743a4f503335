// Installing, removing and reading Ferry's native-messaging host for a browser: the one place
// `ferry integrate`, the daemon's API and the desktop app's Settings all go through. Plain Node
// (the desktop app's main process uses it too); what differs per host is in `IntegrationHost`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BROWSER_NAMES, BROWSERS, type BrowserId, type BrowserIntegration, type IntegrationState } from '../../../shared/browser-extension.ts';
import type { FerryApi } from '../../../shared/api.ts';
import { TransferError } from '../../engine/errors/transfer-error.ts';
import { hostLocation, hostManifest, launcherScript, registryCommand, userFolder, type HostLocation, type LaunchCommand, type Where } from './host-locations.ts';

/** What a host knows about where it runs and which Ferry the browser should start. */
export interface IntegrationHost {
  where: Omit<Where, 'userDataDir'>;
  /** What the launcher runs; a sentence saying why there is nothing to run (install is refused with it). */
  launch: LaunchCommand | string;
  /** Runs reg.exe (Windows only). */
  reg?: (args: string[]) => void;
}

const runReg = (args: string[]): void => {
  execFileSync('reg', args, { stdio: 'ignore' });
};

/** This process's own system, or a clear refusal on one Ferry does not know browsers' places for. */
export function currentPlatform(): Where['platform'] {
  const platform = process.platform;
  if (platform === 'linux' || platform === 'darwin' || platform === 'win32') return platform;
  throw new TransferError('InvalidArgument', `Ferry does not know where browsers look for native hosts on ${platform}`);
}

function locate(browser: BrowserId, host: IntegrationHost, userDataDir?: string): HostLocation {
  try {
    return hostLocation(browser, { ...host.where, ...(userDataDir !== undefined ? { userDataDir } : {}) });
  } catch (error) {
    throw new TransferError('InvalidArgument', (error as Error).message);
  }
}

function launchOf(host: IntegrationHost): LaunchCommand {
  if (typeof host.launch === 'string') throw new TransferError('InvalidArgument', host.launch);
  return host.launch;
}

/** A failed write or removal, in words: which folder, and that it is not writable when that is why. */
function fileProblem(error: unknown, dir: string, doing: string): TransferError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new TransferError('FileAccessDenied', `Ferry could not ${doing} in ${dir}: the folder is not writable (${code})`, { cause: error });
  if (code === 'ENOSPC') return new TransferError('DiskFull', `Ferry could not ${doing} in ${dir}: the disk is full`, { cause: error });
  return new TransferError('FileAccessDenied', `Ferry could not ${doing} in ${dir}: ${(error as Error).message}`, { cause: error });
}

/** mkdir -p that says why: Node's recursive mkdir answers ENOENT on a read-only filesystem. */
function makeFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !fs.existsSync(path.dirname(dir))) throw error;
    fs.mkdirSync(dir);
  }
}

/** Writes the launcher and the manifest (and on Windows the registry name); the manifest's path. */
export function installHost(browser: BrowserId, host: IntegrationHost, userDataDir?: string): HostLocation {
  const location = locate(browser, host, userDataDir);
  const launcher = launcherScript(host.where.platform, launchOf(host));
  const launcherPath = path.join(location.dir, launcher.name);
  try {
    makeFolder(location.dir);
    fs.writeFileSync(launcherPath, launcher.text, { mode: 0o755 });
    fs.chmodSync(launcherPath, 0o755);
    fs.writeFileSync(location.manifest, `${JSON.stringify(hostManifest(browser, launcherPath), null, 2)}\n`);
  } catch (error) {
    throw fileProblem(error, location.dir, `write the host for ${BROWSER_NAMES[browser]}`);
  }
  if (location.registryKey) (host.reg ?? runReg)(registryCommand(location.registryKey, location.manifest));
  return location;
}

/** Takes the manifest and launcher out; whether there was a manifest. */
export function removeHost(browser: BrowserId, host: IntegrationHost, userDataDir?: string): { location: HostLocation; had: boolean } {
  const location = locate(browser, host, userDataDir);
  const had = fs.existsSync(location.manifest);
  try {
    fs.rmSync(location.manifest, { force: true });
    for (const name of ['.sh', '.cmd']) fs.rmSync(location.manifest.replace(/\.json$/, name), { force: true });
  } catch (error) {
    throw fileProblem(error, location.dir, `remove the host for ${BROWSER_NAMES[browser]}`);
  }
  if (location.registryKey) {
    try {
      (host.reg ?? runReg)(registryCommand(location.registryKey, null));
    } catch {
      // No such key: nothing to take out.
    }
  }
  return { location, had };
}

const readText = (file: string): string | null => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

/** Connected only when the manifest is exactly what installHost writes for this Ferry, and so is its launcher. */
export function hostState(browser: BrowserId, host: IntegrationHost, userDataDir?: string): IntegrationState {
  const location = locate(browser, host, userDataDir);
  const text = readText(location.manifest);
  if (text === null) return 'notConnected';
  if (typeof host.launch === 'string') return 'otherFerry';
  const launcher = launcherScript(host.where.platform, host.launch);
  const launcherPath = path.join(location.dir, launcher.name);
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return 'otherFerry';
  }
  const same = JSON.stringify(manifest) === JSON.stringify(hostManifest(browser, launcherPath)) && readText(launcherPath) === launcher.text;
  return same ? 'connected' : 'otherFerry';
}

/** The browsers whose folder exists for this user, each with whether this Ferry's host is in. */
export function listIntegrations(host: IntegrationHost): BrowserIntegration[] {
  return BROWSERS.filter((browser) => fs.existsSync(userFolder(browser, host.where))).map((browser) => ({
    browser,
    name: BROWSER_NAMES[browser],
    state: hostState(browser, host),
    manifest: locate(browser, host).manifest,
  }));
}

/** Installs (true) or removes (false) the host for a browser found here; its row afterwards. */
export function setIntegration(host: IntegrationHost, browser: BrowserId, installed: boolean): BrowserIntegration {
  if (!fs.existsSync(userFolder(browser, host.where))) {
    throw new TransferError('NotFound', `${BROWSER_NAMES[browser]} was not found for this user (no ${userFolder(browser, host.where)}); start it once, or use "ferry integrate ${browser}"`);
  }
  if (installed) installHost(browser, host);
  else removeHost(browser, host);
  return { browser, name: BROWSER_NAMES[browser], state: hostState(browser, host), manifest: locate(browser, host).manifest };
}

/** The two API methods a host serves (both hosts' FerryApi spread this in). */
export type IntegrationApi = Pick<FerryApi, 'listBrowserIntegrations' | 'setBrowserIntegration'>;

export function integrationApi(host: () => IntegrationHost): IntegrationApi {
  return {
    listBrowserIntegrations: async () => listIntegrations(host()),
    setBrowserIntegration: async (browser, installed) => setIntegration(host(), browser, installed),
  };
}

/** The `ferry` command's and the daemon's host: this Node and this `ferry` start the host for `home`. */
export function nodeIntegrationHost(home: string): IntegrationHost {
  const localAppData = process.env['LOCALAPPDATA'];
  return {
    where: { platform: currentPlatform(), homeDir: os.homedir(), ...(localAppData ? { localAppData } : {}) },
    launch: { node: process.execPath, ferryBin: fs.realpathSync(process.argv[1] ?? ''), home },
  };
}

export const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * The daemon's Browsers: changed only while it listens on loopback, where its callers (the CLI, a
 * logged-in browser UI) are on this machine too. Elsewhere a page on another machine would change
 * which programs this machine's browsers start: refused in words (the listing stays).
 */
export function onlyOnLoopback(api: IntegrationApi, listenHost: string): IntegrationApi {
  if (LOOPBACK_HOSTS.has(listenHost)) return api;
  return {
    ...api,
    setBrowserIntegration: async () => {
      throw new TransferError('Forbidden', `this daemon listens on ${listenHost}, where other machines reach it: install the browser host on this machine with "ferry integrate BROWSER" instead`);
    },
  };
}
