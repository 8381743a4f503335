// Where each browser looks for a native-messaging host's manifest, per system, and what the
// manifest says. Pure: tested for macOS and Windows on any machine.
//   Linux:   ~/.config/<browser>/NativeMessagingHosts/, Firefox ~/.mozilla/native-messaging-hosts/
//   macOS:   ~/Library/Application Support/<browser>/NativeMessagingHosts/, Firefox .../Mozilla/NativeMessagingHosts/
//   Windows: the manifest anywhere (Ferry's under %LOCALAPPDATA%), named by a per-user registry key
//            HKCU\Software\<vendor>\NativeMessagingHosts\<host> whose default value is its path.
// A Chromium profile folder given with --user-data-dir has its own NativeMessagingHosts/ (Linux, macOS).
import path from 'node:path';
import { BROWSERS, CHROMIUM_EXTENSION_ID, GECKO_EXTENSION_ID, NATIVE_HOST_NAME, type BrowserId } from '../../../shared/browser-extension.ts';

export { BROWSERS };
export type Browser = BrowserId;
export type HostPlatform = 'linux' | 'darwin' | 'win32';

const LINUX_CONFIG: Record<Exclude<Browser, 'firefox'>, string> = {
  chromium: 'chromium',
  chrome: 'google-chrome',
  edge: 'microsoft-edge',
  brave: 'BraveSoftware/Brave-Browser',
};
const MAC_SUPPORT: Record<Browser, string> = {
  chromium: 'Chromium',
  chrome: 'Google/Chrome',
  edge: 'Microsoft Edge',
  brave: 'BraveSoftware/Brave-Browser',
  firefox: 'Mozilla',
};
const WINDOWS_KEY: Record<Browser, string> = {
  chromium: 'Software\\Chromium',
  chrome: 'Software\\Google\\Chrome',
  edge: 'Software\\Microsoft\\Edge',
  brave: 'Software\\BraveSoftware\\Brave-Browser',
  firefox: 'Software\\Mozilla',
};

export interface HostLocation {
  /** The folder the manifest (and its launcher) go in. */
  dir: string;
  manifest: string;
  /** Windows: the registry key (under HKEY_CURRENT_USER) naming the manifest. */
  registryKey: string | null;
}

export interface Where {
  platform: HostPlatform;
  homeDir: string;
  /** Windows: %LOCALAPPDATA%. */
  localAppData?: string;
  /** A Chromium profile folder (--user-data-dir). */
  userDataDir?: string;
}

export function hostLocation(browser: Browser, where: Where): HostLocation {
  const p = where.platform === 'win32' ? path.win32 : path.posix;
  const file = (dir: string, registryKey: string | null = null): HostLocation => ({ dir, manifest: p.join(dir, `${NATIVE_HOST_NAME}.json`), registryKey });
  if (where.userDataDir !== undefined) {
    if (browser === 'firefox') throw new Error('Firefox has no --user-data-dir for native hosts: it reads them for the whole user; leave the option out');
    if (where.platform === 'win32') throw new Error('on Windows browsers find native hosts through the registry, not in a profile folder; leave --user-data-dir out');
    return file(p.join(p.resolve(where.userDataDir), 'NativeMessagingHosts'));
  }
  if (where.platform === 'linux') {
    return file(browser === 'firefox' ? p.join(where.homeDir, '.mozilla', 'native-messaging-hosts') : p.join(where.homeDir, '.config', LINUX_CONFIG[browser], 'NativeMessagingHosts'));
  }
  if (where.platform === 'darwin') {
    return file(p.join(where.homeDir, 'Library', 'Application Support', ...MAC_SUPPORT[browser].split('/'), 'NativeMessagingHosts'));
  }
  const base = where.localAppData ?? p.join(where.homeDir, 'AppData', 'Local');
  return file(p.join(base, 'Ferry', 'NativeMessagingHosts', browser), `HKCU\\${WINDOWS_KEY[browser]}\\NativeMessagingHosts\\${NATIVE_HOST_NAME}`);
}

const WINDOWS_USER_DATA: Record<Exclude<Browser, 'firefox'>, string> = {
  chromium: 'Chromium',
  chrome: 'Google/Chrome',
  edge: 'Microsoft/Edge',
  brave: 'BraveSoftware/Brave-Browser',
};

/**
 * The browser's own folder for this user: it exists once the browser has run for them, which is
 * what "found on this machine" means for Settings' Browsers (the manifest goes in the user's
 * folders whatever the browser's install path).
 */
export function userFolder(browser: Browser, where: Omit<Where, 'userDataDir'>): string {
  const p = where.platform === 'win32' ? path.win32 : path.posix;
  if (where.platform === 'linux') return browser === 'firefox' ? p.join(where.homeDir, '.mozilla', 'firefox') : p.join(where.homeDir, '.config', LINUX_CONFIG[browser]);
  if (where.platform === 'darwin') return p.join(where.homeDir, 'Library', 'Application Support', ...(browser === 'firefox' ? ['Firefox'] : MAC_SUPPORT[browser].split('/')));
  if (browser === 'firefox') return p.join(where.homeDir, 'AppData', 'Roaming', 'Mozilla', 'Firefox');
  return p.join(where.localAppData ?? p.join(where.homeDir, 'AppData', 'Local'), ...WINDOWS_USER_DATA[browser].split('/'), 'User Data');
}

/** The manifest: the launcher to start, and only Ferry's own extension may start it. */
export function hostManifest(browser: Browser, launcher: string): Record<string, unknown> {
  const common = { name: NATIVE_HOST_NAME, description: 'Ferry: downloads handed over by its browser extension', path: launcher, type: 'stdio' };
  return browser === 'firefox' ? { ...common, allowed_extensions: [GECKO_EXTENSION_ID] } : { ...common, allowed_origins: [`chrome-extension://${CHROMIUM_EXTENSION_ID}/`] };
}

/** What the launcher runs: this node, this ferry, this home. */
export interface LaunchCommand {
  node: string;
  ferryBin: string;
  home: string;
  /** `node` is the desktop app's Electron binary, which runs as plain Node only when told so. */
  runAsNode?: boolean;
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
const cmdQuote = (text: string): string => `"${text.replace(/"/g, '""').replace(/%/g, '%%')}"`;

/** The launcher next to the manifest (browsers start `path` with no shell and no PATH of ours). */
export function launcherScript(platform: HostPlatform, run: LaunchCommand): { name: string; text: string } {
  if (platform === 'win32') {
    const asNode = run.runAsNode ? 'set "ELECTRON_RUN_AS_NODE=1"\r\n' : '';
    return { name: `${NATIVE_HOST_NAME}.cmd`, text: `@echo off\r\n${asNode}${cmdQuote(run.node)} ${cmdQuote(run.ferryBin)} --home ${cmdQuote(run.home)} native-host %*\r\n` };
  }
  const asNode = run.runAsNode ? 'ELECTRON_RUN_AS_NODE=1 ' : '';
  const line = `${asNode}exec ${shellQuote(run.node)} ${shellQuote(run.ferryBin)} --home ${shellQuote(run.home)} native-host "$@"`;
  return { name: `${NATIVE_HOST_NAME}.sh`, text: `#!/bin/sh\n# Written by "ferry integrate": starts Ferry's native-messaging host for the browser.\n${line}\n` };
}

/** reg.exe's arguments to name the manifest in the registry, or to take the name out. */
export function registryCommand(registryKey: string, manifest: string | null): string[] {
  return manifest === null ? ['delete', registryKey, '/f'] : ['add', registryKey, '/ve', '/t', 'REG_SZ', '/d', manifest, '/f'];
}
