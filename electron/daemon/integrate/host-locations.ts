// Where each browser looks for a native-messaging host's manifest, per system, and what the
// manifest says. Pure: tested for macOS and Windows on any machine.
//   Linux:   ~/.config/<browser>/NativeMessagingHosts/, Firefox ~/.mozilla/native-messaging-hosts/
//   macOS:   ~/Library/Application Support/<browser>/NativeMessagingHosts/, Firefox .../Mozilla/NativeMessagingHosts/
//   Windows: the manifest anywhere (Ferry's under %LOCALAPPDATA%), named by a per-user registry key
//            HKCU\Software\<vendor>\NativeMessagingHosts\<host> whose default value is its path.
// A Chromium profile folder given with --user-data-dir has its own NativeMessagingHosts/ (Linux, macOS).
import path from 'node:path';
import { CHROMIUM_EXTENSION_ID, GECKO_EXTENSION_ID, NATIVE_HOST_NAME } from '../../../shared/browser-extension.ts';

export const BROWSERS = ['chromium', 'chrome', 'edge', 'brave', 'firefox'] as const;
export type Browser = (typeof BROWSERS)[number];
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
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
const cmdQuote = (text: string): string => `"${text.replace(/"/g, '""').replace(/%/g, '%%')}"`;

/** The launcher next to the manifest (browsers start `path` with no shell and no PATH of ours). */
export function launcherScript(platform: HostPlatform, run: LaunchCommand): { name: string; text: string } {
  if (platform === 'win32') {
    return { name: `${NATIVE_HOST_NAME}.cmd`, text: `@echo off\r\n${cmdQuote(run.node)} ${cmdQuote(run.ferryBin)} --home ${cmdQuote(run.home)} native-host %*\r\n` };
  }
  const line = `exec ${shellQuote(run.node)} ${shellQuote(run.ferryBin)} --home ${shellQuote(run.home)} native-host "$@"`;
  return { name: `${NATIVE_HOST_NAME}.sh`, text: `#!/bin/sh\n# Written by "ferry integrate": starts Ferry's native-messaging host for the browser.\n${line}\n` };
}

/** reg.exe's arguments to name the manifest in the registry, or to take the name out. */
export function registryCommand(registryKey: string, manifest: string | null): string[] {
  return manifest === null ? ['delete', registryKey, '/f'] : ['add', registryKey, '/ve', '/t', 'REG_SZ', '/d', manifest, '/f'];
}
