// `ferry integrate`: the manifest and launcher land where the browser looks, the launcher starts a
// working native host, and --remove takes them out.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/engine.ts';
import { ferry } from '../helpers/cli.ts';
import { pingThroughLauncher } from '../helpers/native-host.ts';

const NAME = 'app.ferry.native_host';
const homeDir = tempDir('ferry-integrate-user-');
const ferryHome = path.join(homeDir, 'ferry-home');
const env = { HOME: homeDir };
afterAll(() => fs.rmSync(homeDir, { recursive: true, force: true }));

describe('ferry integrate', () => {
  it('installs into a Chromium profile folder; the launcher it writes runs the host', async () => {
    const profile = path.join(homeDir, 'profile');
    const run = await ferry(['--home', ferryHome, 'integrate', 'chromium', '--user-data-dir', profile], env);
    expect(run.code).toBe(0);
    const manifestPath = path.join(profile, 'NativeMessagingHosts', `${NAME}.json`);
    expect(run.stdout.trim()).toBe(manifestPath);
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { path: string; allowed_origins: string[]; type: string };
    expect(manifest).toMatchObject({ name: NAME, type: 'stdio', allowed_origins: ['chrome-extension://lomlonjpmidehfdblckpaokiailhhnpk/'] });
    expect(path.isAbsolute(manifest.path)).toBe(true);
    expect(fs.statSync(manifest.path).mode & 0o111).not.toBe(0);
    expect(await pingThroughLauncher(manifest.path)).toEqual([{ message: { requestId: 1, ok: true, reachable: false, version: expect.any(String) } }]);

    const removed = await ferry(['--home', ferryHome, 'integrate', 'chromium', '--user-data-dir', profile, '--remove'], env);
    expect(removed.code).toBe(0);
    expect(fs.readdirSync(path.join(profile, 'NativeMessagingHosts'))).toEqual([]);
  });

  it('installs for the user: Chrome under ~/.config, Firefox under ~/.mozilla with its gecko id', async () => {
    expect((await ferry(['--home', ferryHome, 'integrate', 'chrome'], env)).code).toBe(0);
    expect(fs.existsSync(path.join(homeDir, '.config/google-chrome/NativeMessagingHosts', `${NAME}.json`))).toBe(true);
    expect((await ferry(['--home', ferryHome, 'integrate', 'firefox'], env)).code).toBe(0);
    const firefox = JSON.parse(fs.readFileSync(path.join(homeDir, '.mozilla/native-messaging-hosts', `${NAME}.json`), 'utf8')) as Record<string, unknown>;
    expect(firefox['allowed_extensions']).toEqual(['browser-extension@ferry.app']);
  });

  it('refuses an unknown browser and Firefox with --user-data-dir, writing nothing', async () => {
    const unknown = await ferry(['--home', ferryHome, 'integrate', 'opera'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('ferry: InvalidArgument: ferry integrate knows chromium, chrome, edge, brave, firefox; not "opera"\n');
    const firefox = await ferry(['--home', ferryHome, 'integrate', 'firefox', '--user-data-dir', path.join(homeDir, 'ff')], env);
    expect(firefox.code).toBe(1);
    expect(firefox.stderr).toContain('Firefox has no --user-data-dir');
    expect(fs.existsSync(path.join(homeDir, 'ff'))).toBe(false);
  });
});
