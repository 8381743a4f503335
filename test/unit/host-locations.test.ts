// Where `ferry integrate` puts the native host's manifest for each browser and system, and what the
// manifest and its launcher say (macOS and Windows checked here as pure functions).
import { describe, expect, it } from 'vitest';
import { hostLocation, hostManifest, launcherScript, registryCommand } from '../../electron/daemon/integrate/host-locations.ts';

const NAME = 'app.ferry.native_host';

describe('native host locations', () => {
  it('Linux: each browser\'s config folder, Firefox\'s ~/.mozilla, a profile folder when given', () => {
    const at = (browser: Parameters<typeof hostLocation>[0], userDataDir?: string) => hostLocation(browser, { platform: 'linux', homeDir: '/home/u', ...(userDataDir ? { userDataDir } : {}) });
    expect(at('chromium')).toEqual({ dir: '/home/u/.config/chromium/NativeMessagingHosts', manifest: `/home/u/.config/chromium/NativeMessagingHosts/${NAME}.json`, registryKey: null });
    expect(at('chrome').dir).toBe('/home/u/.config/google-chrome/NativeMessagingHosts');
    expect(at('edge').dir).toBe('/home/u/.config/microsoft-edge/NativeMessagingHosts');
    expect(at('brave').dir).toBe('/home/u/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts');
    expect(at('firefox').dir).toBe('/home/u/.mozilla/native-messaging-hosts');
    expect(at('chromium', '/tmp/profile').manifest).toBe(`/tmp/profile/NativeMessagingHosts/${NAME}.json`);
    expect(() => at('firefox', '/tmp/profile')).toThrow(/Firefox has no --user-data-dir/);
  });

  it('macOS: Application Support', () => {
    const at = (browser: Parameters<typeof hostLocation>[0]) => hostLocation(browser, { platform: 'darwin', homeDir: '/Users/u' }).dir;
    expect(at('chrome')).toBe('/Users/u/Library/Application Support/Google/Chrome/NativeMessagingHosts');
    expect(at('chromium')).toBe('/Users/u/Library/Application Support/Chromium/NativeMessagingHosts');
    expect(at('edge')).toBe('/Users/u/Library/Application Support/Microsoft Edge/NativeMessagingHosts');
    expect(at('brave')).toBe('/Users/u/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts');
    expect(at('firefox')).toBe('/Users/u/Library/Application Support/Mozilla/NativeMessagingHosts');
  });

  it('Windows: the manifest under LOCALAPPDATA, named by a per-user registry key', () => {
    const where = { platform: 'win32' as const, homeDir: 'C:\\Users\\u', localAppData: 'C:\\Users\\u\\AppData\\Local' };
    expect(hostLocation('chrome', where)).toEqual({
      dir: 'C:\\Users\\u\\AppData\\Local\\Ferry\\NativeMessagingHosts\\chrome',
      manifest: `C:\\Users\\u\\AppData\\Local\\Ferry\\NativeMessagingHosts\\chrome\\${NAME}.json`,
      registryKey: `HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\${NAME}`,
    });
    expect(hostLocation('edge', where).registryKey).toBe(`HKCU\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\${NAME}`);
    expect(hostLocation('firefox', where).registryKey).toBe(`HKCU\\Software\\Mozilla\\NativeMessagingHosts\\${NAME}`);
    expect(hostLocation('chromium', where).registryKey).toBe(`HKCU\\Software\\Chromium\\NativeMessagingHosts\\${NAME}`);
    expect(() => hostLocation('chrome', { ...where, userDataDir: 'D:\\p' })).toThrow(/registry/);
    expect(registryCommand('HKCU\\K', 'C:\\m.json')).toEqual(['add', 'HKCU\\K', '/ve', '/t', 'REG_SZ', '/d', 'C:\\m.json', '/f']);
    expect(registryCommand('HKCU\\K', null)).toEqual(['delete', 'HKCU\\K', '/f']);
  });

  it('allows only Ferry\'s own extension: its Chromium origin, its Firefox id', () => {
    expect(hostManifest('chrome', '/x/launch.sh')).toEqual({
      name: NAME,
      description: expect.any(String),
      path: '/x/launch.sh',
      type: 'stdio',
      allowed_origins: ['chrome-extension://lomlonjpmidehfdblckpaokiailhhnpk/'],
    });
    expect(hostManifest('firefox', '/x/launch.sh')).toMatchObject({ allowed_extensions: ['browser-extension@ferry.app'] });
    expect(hostManifest('firefox', '/x/launch.sh')).not.toHaveProperty('allowed_origins');
  });

  it('launchers run this node and this ferry with the home, quoted for their shell', () => {
    const run = { node: '/opt/node 22/bin/node', ferryBin: "/home/o'neil/ferry.js", home: '/home/u/.ferry' };
    expect(launcherScript('linux', run).text).toContain(`exec '/opt/node 22/bin/node' '/home/o'\\''neil/ferry.js' --home '/home/u/.ferry' native-host "$@"\n`);
    expect(launcherScript('linux', run).text.startsWith('#!/bin/sh\n')).toBe(true);
    const win = launcherScript('win32', { node: 'C:\\Program Files\\nodejs\\node.exe', ferryBin: 'C:\\ferry\\ferry.js', home: 'C:\\Users\\u\\100%' });
    expect(win).toEqual({ name: `${NAME}.cmd`, text: '@echo off\r\n"C:\\Program Files\\nodejs\\node.exe" "C:\\ferry\\ferry.js" --home "C:\\Users\\u\\100%%" native-host %*\r\n' });
  });
});
