// A packaged desktop build ships `ferry` for the browsers' native host: the resources laid out as
// build/electron-builder.yml's extraResources say (electron-builder itself cannot run here), then
// Settings › Browsers' launcher run as a browser runs it, with this Node standing in for the app's
// Electron binary (ELECTRON_RUN_AS_NODE=1): it hands a download to the desktop-side API of the
// app's home. The resources hold no sources: only the shipped bundle can answer.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { tempDir, waitFinal } from '../helpers/engine.ts';
import { talkThroughLauncher } from '../helpers/native-host.ts';
import { APP_RENDERER, desktopService } from '../helpers/desktop-home.ts';
import { claimDesktopHome, serveDesktopHome } from '../../electron/main/desktop-home.ts';
import { COPIED_FERRY, desktopIntegrationApi, desktopIntegrationHost } from '../../electron/main/desktop-integrations.ts';
import { integrationApi, listIntegrations, setIntegration } from '../../electron/daemon/integrate/browser-integrations.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';
import type { LocalApi } from '../../electron/daemon/local-api-host.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const config = yaml.load(fs.readFileSync(path.join(ROOT, 'build/electron-builder.yml'), 'utf8')) as { extraResources: Array<{ from: string; to: string; filter?: string[] }> };

// Whether a file (relative to the entry's `from`) matches a filter pattern: everything (**/*), `*.ext` or a name.
const matches = (pattern: string, file: string): boolean => pattern === '**/*' || (pattern.startsWith('*') ? file.endsWith(pattern.slice(1)) : file === pattern);

/** Copies what extraResources puts under `ferry/` into `resources` (filters as electron-builder reads them: `!` excludes). */
function layOutFerry(resources: string): void {
  for (const entry of config.extraResources.filter((e) => e.to.startsWith('ferry/'))) {
    const from = path.join(ROOT, entry.from);
    const to = path.join(resources, entry.to);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (fs.statSync(from).isFile()) {
      fs.copyFileSync(from, to);
      continue;
    }
    const filter = entry.filter ?? ['**/*'];
    const wanted = (file: string) => filter.some((f) => !f.startsWith('!') && matches(f, file)) && !filter.some((f) => f.startsWith('!') && matches(f.slice(1), file));
    for (const file of filesUnder(from).filter(wanted)) {
      fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
      fs.copyFileSync(path.join(from, file), path.join(to, file));
    }
  }
}

/** Every file under dir, relative, sorted. */
const filesUnder = (dir: string): string[] => (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((d) => d.isFile()).map((d) => path.relative(dir, path.join(d.parentPath, d.name))).sort();

/** What the package's ferry/ holds: the entry, the bundle with every chunk, no sources list, no TypeScript. */
let SHIPPED: string[];
let server: FaultServer;
let work: string;
let service: TransferService;
let local: LocalApi;
let release: () => Promise<void>;
beforeAll(async () => {
  // The CLI's bundle as `npm run dist` builds it (npm run build).
  await new Promise<void>((resolve, reject) => {
    const build = spawn(process.execPath, [path.join(ROOT, 'scripts/build-cli.ts')], { stdio: 'ignore' });
    build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build-cli exited ${code}`))));
  });
  server = await new FaultServer().start();
  work = tempDir('ferry-packaged-');
  const bundle = filesUnder(path.join(ROOT, 'dist/cli')).filter((file) => file !== 'sources.json');
  expect(bundle.filter((file) => file.startsWith('chunks/')).length).toBeGreaterThan(0);
  SHIPPED = [...bundle.map((file) => `dist/cli/${file}`), 'electron/daemon/bin/ferry.js', 'package.json'].sort();
});
afterAll(async () => {
  await service?.shutdown();
  await local?.close();
  await release?.();
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

it("a packaged build's Browsers install runs the ferry in its resources with the app's binary as Node, and a hand-off lands in the app", async () => {
  const resources = path.join(work, 'opt/Ferry/resources');
  layOutFerry(resources);
  expect(filesUnder(path.join(resources, 'ferry'))).toEqual(SHIPPED);
  const home = path.join(work, 'user/.config/Ferry');
  fs.mkdirSync(path.join(work, 'user/.config/google-chrome'), { recursive: true });
  const where = { platform: 'linux' as const, homeDir: path.join(work, 'user') };
  // app.asar is not a folder here (as in a build): only the resources can hold ferry.
  const host = () => desktopIntegrationHost({ appPath: path.join(resources, 'app.asar'), resourcesPath: resources, appImage: null, execPath: process.execPath, home, where });
  const row = setIntegration(host(), 'chrome', true);
  expect(row.state).toBe('connected');
  const launcher = (JSON.parse(fs.readFileSync(row.manifest, 'utf8')) as { path: string }).path;
  const ferryJs = path.join(resources, 'ferry/electron/daemon/bin/ferry.js');
  expect(fs.readFileSync(launcher, 'utf8')).toContain(`ELECTRON_RUN_AS_NODE=1 exec '${process.execPath}' '${ferryJs}' --home '${home}' native-host "$@"`);

  release = await claimDesktopHome(home, () => undefined);
  const downloads = path.join(work, 'dl');
  fs.mkdirSync(downloads);
  service = await desktopService(home, downloads);
  local = await serveDesktopHome(service, { home, integrations: integrationApi(host), start: { command: '/opt/Ferry/ferry', args: [] }, rendererDir: APP_RENDERER, quit: () => undefined, aria2Secret: () => null, warn: () => undefined, info: () => undefined });
  const file = randomFile(350_000);
  server.serve('/packaged/file.iso', file);
  const frames = await talkThroughLauncher(launcher, [
    { type: 'ping', requestId: 1 },
    { type: 'add', requestId: 2, url: server.url('/packaged/file.iso'), filename: 'file.iso' },
  ]);
  expect(frames).toEqual([{ message: { requestId: 1, ok: true, reachable: true, version: expect.any(String) } }, { message: { requestId: 2, ok: true, id: expect.any(String) } }]);
  const id = ((frames[1] as { message: { id: string } }).message).id;
  expect((await waitFinal(service, id)).state).toBe('completed');
  expect(sha256(fs.readFileSync(path.join(downloads, 'file.iso')))).toBe(sha256(file.body));
});

it("an AppImage's install copies its ferry into the app's home and runs it with the AppImage's own file: the launcher works once the mount is gone", async () => {
  // The mount point of this run, gone when the AppImage quits.
  const mount = path.join(work, 'tmp/.mount_Ferry1/resources');
  layOutFerry(mount);
  const home = path.join(work, 'appimage-user/.config/Ferry');
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  fs.mkdirSync(path.join(work, 'appimage-user/.config/chromium'), { recursive: true });
  // This Node stands in for the AppImage file (which runs its Electron binary with what it is given).
  const appImage = process.execPath;
  const places = { appPath: path.join(mount, 'app.asar'), resourcesPath: mount, appImage, execPath: path.join(mount, '..', 'ferry'), home, where: { platform: 'linux' as const, homeDir: path.join(work, 'appimage-user') } };
  const row = await desktopIntegrationApi(() => places).setBrowserIntegration('chromium', true);
  expect(row.state).toBe('connected');
  const copied = path.join(home, COPIED_FERRY);
  expect(filesUnder(copied)).toEqual(SHIPPED);
  const launcher = (JSON.parse(fs.readFileSync(row.manifest, 'utf8')) as { path: string }).path;
  expect(fs.readFileSync(launcher, 'utf8')).toContain(`ELECTRON_RUN_AS_NODE=1 exec '${appImage}' '${path.join(copied, 'electron/daemon/bin/ferry.js')}' --home '${home}' native-host "$@"`);
  fs.rmSync(path.join(work, 'tmp/.mount_Ferry1'), { recursive: true });
  // The next run mounts elsewhere: Settings still finds the host is this Ferry's.
  const nextMount = path.join(work, 'tmp/.mount_Ferry2/resources');
  layOutFerry(nextMount);
  expect(listIntegrations(desktopIntegrationHost({ ...places, appPath: path.join(nextMount, 'app.asar'), resourcesPath: nextMount }))).toMatchObject([{ browser: 'chromium', state: 'connected' }]);
  fs.rmSync(path.join(work, 'tmp'), { recursive: true });
  expect(await talkThroughLauncher(launcher, [{ type: 'ping', requestId: 1 }])).toEqual([{ message: { requestId: 1, ok: true, reachable: false, version: expect.any(String) } }]);
});
