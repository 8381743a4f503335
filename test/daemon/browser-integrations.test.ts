// Settings' Browsers: which browsers are found under a user's folders (a HOME of the test's own,
// with real files), whether Ferry's host is in for each, and installing and removing it through
// the same code `ferry integrate` uses; the extension's native host refuses to do either.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostState, installHost, integrationApi, listIntegrations, onlyOnLoopback, setIntegration, type IntegrationHost } from '../../electron/daemon/integrate/browser-integrations.ts';
import { userFolder } from '../../electron/daemon/integrate/host-locations.ts';
import { serveNativeMessages } from '../../electron/daemon/commands/native-host.ts';
import { encodeFrame, FrameReader } from '../../electron/daemon/native-host/framing.ts';
import { EXTENSION_INTEGRATION_REFUSAL } from '../../shared/browser-extension.ts';
import { tempDir } from '../helpers/engine.ts';
import { mountTmpfs, unmount } from '../helpers/tmpfs.ts';
import { talkToNativeHost } from '../helpers/native-host.ts';

const NAME = 'app.ferry.native_host';
const CHROMIUM_ORIGIN = 'chrome-extension://lomlonjpmidehfdblckpaokiailhhnpk/';
let home: string;
let host: IntegrationHost;
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
const makeFolder = (relative: string): void => void fs.mkdirSync(path.join(home, relative), { recursive: true });

beforeEach(() => {
  home = tempDir('ferry-browsers-user-');
  host = { where: { platform: 'linux', homeDir: home }, launch: { node: '/usr/bin/node', ferryBin: '/opt/ferry/bin/ferry.js', home: path.join(home, '.ferry') } };
});
afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

describe("Settings' Browsers", () => {
  it('finds no browser in an empty home, and each one whose user folder exists', () => {
    expect(listIntegrations(host)).toEqual([]);
    makeFolder('.config/chromium/Default');
    makeFolder('.config/google-chrome');
    makeFolder('.config/BraveSoftware/Brave-Browser');
    makeFolder('.config/microsoft-edge');
    makeFolder('.mozilla/firefox/abc.default-release');
    expect(listIntegrations(host)).toEqual([
      { browser: 'chromium', name: 'Chromium', state: 'notConnected', manifest: path.join(home, '.config/chromium/NativeMessagingHosts', `${NAME}.json`) },
      { browser: 'chrome', name: 'Google Chrome', state: 'notConnected', manifest: path.join(home, '.config/google-chrome/NativeMessagingHosts', `${NAME}.json`) },
      { browser: 'edge', name: 'Microsoft Edge', state: 'notConnected', manifest: path.join(home, '.config/microsoft-edge/NativeMessagingHosts', `${NAME}.json`) },
      { browser: 'brave', name: 'Brave', state: 'notConnected', manifest: path.join(home, '.config/BraveSoftware/Brave-Browser/NativeMessagingHosts', `${NAME}.json`) },
      { browser: 'firefox', name: 'Firefox', state: 'notConnected', manifest: path.join(home, '.mozilla/native-messaging-hosts', `${NAME}.json`) },
    ]);
  });

  it('installs for Chromium: the manifest starts this Ferry and lets only its extension in; removing takes both files out', () => {
    makeFolder('.config/chromium');
    const row = setIntegration(host, 'chromium', true);
    expect(row.state).toBe('connected');
    const dir = path.join(home, '.config/chromium/NativeMessagingHosts');
    const launcher = path.join(dir, `${NAME}.sh`);
    expect(readJson(row.manifest)).toEqual({ name: NAME, description: 'Ferry: downloads handed over by its browser extension', path: launcher, type: 'stdio', allowed_origins: [CHROMIUM_ORIGIN] });
    expect(fs.readFileSync(launcher, 'utf8')).toBe(`#!/bin/sh\n# Written by "ferry integrate": starts Ferry's native-messaging host for the browser.\nexec '/usr/bin/node' '/opt/ferry/bin/ferry.js' --home '${path.join(home, '.ferry')}' native-host "$@"\n`);
    expect(fs.statSync(launcher).mode & 0o777).toBe(0o755);
    expect(listIntegrations(host).map((b) => b.state)).toEqual(['connected']);

    expect(setIntegration(host, 'chromium', false).state).toBe('notConnected');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("installs for Firefox with only Ferry's gecko id", () => {
    makeFolder('.mozilla/firefox');
    const row = setIntegration(host, 'firefox', true);
    expect(row.manifest).toBe(path.join(home, '.mozilla/native-messaging-hosts', `${NAME}.json`));
    const manifest = readJson(row.manifest) as Record<string, unknown>;
    expect(manifest['allowed_extensions']).toEqual(['browser-extension@ferry.app']);
    expect(manifest).not.toHaveProperty('allowed_origins');
    expect(manifest['path']).toBe(path.join(home, '.mozilla/native-messaging-hosts', `${NAME}.sh`));
  });

  it('says "otherFerry" for a manifest that starts another Ferry, lets another extension in, or is not JSON; installing puts this one back', () => {
    makeFolder('.config/google-chrome');
    const location = installHost('chrome', host);
    const other: IntegrationHost = { ...host, launch: { node: '/usr/bin/node', ferryBin: '/elsewhere/ferry.js', home: '/elsewhere/home' } };
    expect(hostState('chrome', other)).toBe('otherFerry');
    const manifest = readJson(location.manifest) as { allowed_origins: string[] };
    fs.writeFileSync(location.manifest, JSON.stringify({ ...manifest, allowed_origins: [...manifest.allowed_origins, 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/'] }));
    expect(hostState('chrome', host)).toBe('otherFerry');
    fs.writeFileSync(location.manifest, '{');
    expect(hostState('chrome', host)).toBe('otherFerry');
    expect(setIntegration(host, 'chrome', true).state).toBe('connected');
  });

  it('refuses a browser not found for this user, and a host with no ferry to start, writing nothing', () => {
    expect(() => setIntegration(host, 'brave', true)).toThrow(`Brave was not found for this user (no ${path.join(home, '.config/BraveSoftware/Brave-Browser')}); start it once, or use "ferry integrate brave"`);
    makeFolder('.config/chromium');
    expect(() => setIntegration({ ...host, launch: 'this build carries no ferry' }, 'chromium', true)).toThrow('this build carries no ferry');
    expect(fs.readdirSync(path.join(home, '.config/chromium'))).toEqual([]);
  });

  it('says in words when the folder is not writable, and leaves the browser not connected', (context) => {
    const folder = path.join(home, '.config/chromium');
    fs.mkdirSync(folder, { recursive: true });
    if (!mountTmpfs(folder, 'ro,size=1m', 'read-only browser folder test')) return context.skip();
    try {
      expect(() => setIntegration(host, 'chromium', true)).toThrow(expect.objectContaining({ status: 'FileAccessDenied', message: `Ferry could not write the host for Chromium in ${path.join(folder, 'NativeMessagingHosts')}: the folder is not writable (EROFS)` }));
      expect(listIntegrations(host)).toMatchObject([{ browser: 'chromium', state: 'notConnected' }]);
    } finally {
      unmount(folder);
    }
  });

  it("knows each system's user folders", () => {
    expect(userFolder('chrome', { platform: 'darwin', homeDir: '/Users/a' })).toBe('/Users/a/Library/Application Support/Google/Chrome');
    expect(userFolder('firefox', { platform: 'darwin', homeDir: '/Users/a' })).toBe('/Users/a/Library/Application Support/Firefox');
    expect(userFolder('edge', { platform: 'win32', homeDir: 'C:\\Users\\a', localAppData: 'C:\\Users\\a\\AppData\\Local' })).toBe('C:\\Users\\a\\AppData\\Local\\Microsoft\\Edge\\User Data');
    expect(userFolder('firefox', { platform: 'win32', homeDir: 'C:\\Users\\a' })).toBe('C:\\Users\\a\\AppData\\Roaming\\Mozilla\\Firefox');
  });
});

describe('who may change them', () => {
  it('a daemon listening beyond loopback lists them but refuses to change them, in words', async () => {
    makeFolder('.config/chromium');
    const api = onlyOnLoopback(integrationApi(() => host), '0.0.0.0');
    expect(await api.listBrowserIntegrations()).toMatchObject([{ browser: 'chromium', state: 'notConnected' }]);
    await expect(api.setBrowserIntegration('chromium', true)).rejects.toMatchObject({ status: 'Forbidden', message: 'this daemon listens on 0.0.0.0, where other machines reach it: install the browser host on this machine with "ferry integrate BROWSER" instead' });
    expect(fs.existsSync(path.join(home, '.config/chromium/NativeMessagingHosts'))).toBe(false);
    expect((await onlyOnLoopback(integrationApi(() => host), '127.0.0.1').setBrowserIntegration('chromium', true)).state).toBe('connected');
  });
});

describe("the extension's native host", () => {
  it('refuses to install or remove a host in words, reaching no daemon', async () => {
    let reached = 0;
    const replies: unknown[] = [];
    const reader = new FrameReader();
    const input = (async function* () {
      yield encodeFrame({ type: 'setBrowserIntegration', requestId: 7, browser: 'chromium', installed: true });
      yield encodeFrame({ type: 'listBrowserIntegrations', requestId: 8 });
    })();
    await serveNativeMessages(input, (frame) => void replies.push(...reader.push(frame)), {
      api: async () => {
        reached += 1;
        return null;
      },
    });
    expect(replies).toEqual([
      { message: { requestId: 7, ok: false, error: { status: 'InvalidArgument', message: EXTENSION_INTEGRATION_REFUSAL } } },
      { message: { requestId: 8, ok: false, error: { status: 'InvalidArgument', message: EXTENSION_INTEGRATION_REFUSAL } } },
    ]);
    expect(reached).toBe(0);
  });

  it('`ferry native-host` as the browser starts it refuses the same, and writes no manifest', async () => {
    makeFolder('.config/chromium');
    const run = await talkToNativeHost(path.join(home, '.ferry'), [{ type: 'setBrowserIntegration', requestId: 1, browser: 'chromium', installed: true }], { HOME: home });
    expect(run.replies).toEqual([{ requestId: 1, ok: false, error: { status: 'InvalidArgument', message: EXTENSION_INTEGRATION_REFUSAL } }]);
    expect(run.code).toBe(0);
    expect(fs.readdirSync(path.join(home, '.config/chromium'))).toEqual([]);
  });
});
