// The bundled Electron main process, run under plain Node with a recording stand-in for the
// 'electron' module: the real wiring of engine, stores, IPC, window, tray and quit, end to end.
/* eslint-disable @typescript-eslint/no-explicit-any -- the report is the stub's free-form JSON */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, useSharedServer } from '../helpers/engine.ts';
import { throwawaySecret } from '../helpers/secrets.ts';

const AUTHORIZATION = throwawaySecret('Bearer ');

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAIN = path.join(ROOT, 'dist-electron/main.js');
const LOADER = path.join(ROOT, 'test/electron/fixtures/electron-loader.mjs');
const shared = useSharedServer();

beforeAll(async () => {
  // Always test the current sources: bundle them the way `npm start` does.
  await new Promise<void>((resolve, reject) => {
    const build = spawn(process.execPath, [path.join(ROOT, 'scripts/build-electron.ts')], { stdio: 'ignore' });
    build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build-electron exited ${code}`))));
  });
});

function runMain(env: Record<string, string>): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', LOADER, MAIN], {
      env: { ...process.env, STUB_APP_PATH: ROOT, STUB_AUTHORIZATION: AUTHORIZATION, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const line = /^REPORT (.*)$/m.exec(out);
      if (code === 0 && line) resolve(JSON.parse(line[1]!));
      else reject(new Error(`main process exited ${code}: ${err}`));
    });
  });
}

it('downloads through IPC, hides on close, persists and quits cleanly', async () => {
  const file = randomFile(800_000, { rate: 2_000_000 });
  shared.server.serve('/app/file.bin', file);
  const userData = path.join(shared.work, 'userData');
  const downloads = path.join(shared.work, 'dl');
  fs.mkdirSync(downloads, { recursive: true });
  const userHome = path.join(shared.work, 'user');
  fs.mkdirSync(path.join(userHome, '.config/chromium'), { recursive: true });
  const ferryHome = path.join(shared.work, 'ferry-home');
  const report = await runMain({ FERRY_USER_DATA: userData, STUB_HOME: userHome, FERRY_HOME: ferryHome, STUB_SCENARIO: 'download', STUB_URL: shared.server.url('/app/file.bin'), STUB_DIR: downloads });
  expect(report.ipcRefused).toMatchObject({ error: { status: 'Forbidden' } });
  // The app served its home's local API while it ran, and took daemon.json out as it quit.
  expect(report.served).toEqual({ owner: 'desktop', pid: true, host: '127.0.0.1', port: true });
  expect(fs.existsSync(path.join(userData, 'daemon.json'))).toBe(false);
  // Settings' Browsers: the app's binary (this Node in the stand-in), run as Node, starts the ferry it carries for the app's own home.
  const manifest = path.join(userHome, '.config/chromium/NativeMessagingHosts/app.ferry.native_host.json');
  expect(report.browsers).toEqual({ result: [{ browser: 'chromium', name: 'Chromium', state: 'notConnected', manifest }] });
  expect(report.browserInstalled).toEqual({ result: { browser: 'chromium', name: 'Chromium', state: 'connected', manifest } });
  const launcher = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { path: string }).path;
  expect(fs.readFileSync(launcher, 'utf8')).toContain(`ELECTRON_RUN_AS_NODE=1 exec '${process.execPath}' '${path.join(ROOT, 'electron/daemon/bin/ferry.js')}' --home '${userData}' native-host "$@"`);
  // And says in that home how to start the app (this stand-in: this Node with the loader, the app's folder) when nothing serves it.
  expect(JSON.parse(fs.readFileSync(path.join(userData, 'desktop-app.json'), 'utf8'))).toEqual({ command: process.execPath, args: ['--import', LOADER, ROOT] });
  expect(report.final).toMatchObject({ state: 'completed', bytesTransferred: 800_000 });
  expect(sha256File(path.join(downloads, 'file.bin'))).toBe(sha256(file.body));
  expect(shared.server.requestsFor('/app/file.bin')[0]?.authorization).toBe(AUTHORIZATION);
  expect(report.events).toBeGreaterThan(0);
  expect(report.notifications).toEqual([{ title: 'Download complete', body: 'file.bin' }]);
  expect(report.tooltips.at(-1)).toBe('Ferry — idle');
  expect(report.menus.at(-1)).toEqual(['Show Ferry', '-', 'Pause all', 'Resume all', '-', 'Alternative speed limit (no limit down, no limit up)', '-', 'When everything is done', '-', 'Quit Ferry']);
  expect(report.alternative).toEqual({ on: true, source: 'alternative' });
  expect(report.alternativeChecked).toBe(true);
  expect(report.progress.at(-1)).toBe(-1);
  expect(report.blockers[0]).toBe('start prevent-app-suspension');
  expect(report.blockers.at(-1)).toMatch(/^stop \d+$/);
  expect(report.closePrevented).toBe(true);
  expect(report.hidden).toBe(true);
  expect(report.csp).toMatch(/^default-src 'self'/);
  // State and encrypted secrets were written where electron-store keeps them.
  const state = JSON.parse(fs.readFileSync(path.join(userData, 'state.json'), 'utf8'));
  expect(Object.values(state.operations as Record<string, { state: string }>)[0]?.state).toBe('completed');
  expect(fs.readFileSync(path.join(userData, 'state.json'), 'utf8')).not.toContain(AUTHORIZATION.slice(7));
  expect(fs.readFileSync(path.join(userData, 'secrets.json'), 'utf8')).not.toContain(AUTHORIZATION.slice(7));
});

it('quit in the middle of a download: the next launch reattaches it and finishes it', async () => {
  const file = randomFile(2_000_000, { rate: 1_000_000 });
  shared.server.serve('/app/long.bin', file);
  const userData = path.join(shared.work, 'userData-2');
  const downloads = path.join(shared.work, 'dl-2');
  fs.mkdirSync(downloads, { recursive: true });
  const env = { FERRY_USER_DATA: userData, STUB_URL: shared.server.url('/app/long.bin'), STUB_DIR: downloads };
  await runMain({ ...env, STUB_SCENARIO: 'quit-midway', STUB_QUIT_AFTER: '600000' });
  expect(fs.existsSync(path.join(downloads, 'long.bin.part'))).toBe(true);
  expect(fs.existsSync(path.join(downloads, 'long.bin'))).toBe(false);

  const second = await runMain({ ...env, STUB_SCENARIO: 'reattach' });
  expect(second.reattached).toHaveLength(1);
  expect(second.reattached[0].bytesTransferred).toBeGreaterThan(500_000);
  expect(second.final).toMatchObject({ state: 'completed', bytesTransferred: 2_000_000 });
  expect(sha256File(path.join(downloads, 'long.bin'))).toBe(sha256(file.body));
  const requests = shared.server.requestsFor('/app/long.bin');
  expect(requests).toHaveLength(2);
  expect(requests[1]).toMatchObject({ status: 206, authorization: AUTHORIZATION });
});

it('the tray and the notifications speak the language setting: German from a German desktop, English once the setting says so', async () => {
  // Slow enough that the app sees each one running before it completes (a notice is for a change it saw).
  shared.server.serve('/app/erste.bin', randomFile(400_000, { rate: 2_000_000 }));
  shared.server.serve('/app/zweite.bin', randomFile(400_000, { rate: 2_000_000 }));
  const downloads = path.join(shared.work, 'dl-language');
  fs.mkdirSync(downloads, { recursive: true });
  const report = await runMain({ FERRY_USER_DATA: path.join(shared.work, 'userData-language'), STUB_LOCALE: 'de-DE', STUB_SCENARIO: 'language', STUB_URL: shared.server.url('/app/erste.bin'), STUB_URL_2: shared.server.url('/app/zweite.bin'), STUB_DIR: downloads });
  expect(report.menuBefore).toEqual(['Ferry anzeigen', '-', 'Alle anhalten', 'Alle fortsetzen', '-', 'Alternatives Tempolimit (kein Limit herunter, kein Limit hoch)', '-', 'Wenn alles fertig ist', '-', 'Ferry beenden']);
  expect(report.firstFinal).toMatchObject({ state: 'completed' });
  expect(report.switched).toMatchObject({ result: { language: 'en' } });
  expect(report.menuAfter).toEqual(['Show Ferry', '-', 'Pause all', 'Resume all', '-', 'Alternative speed limit (no limit down, no limit up)', '-', 'When everything is done', '-', 'Quit Ferry']);
  expect(report.secondFinal).toMatchObject({ state: 'completed' });
  expect(report.notifications).toEqual([
    { title: 'Download abgeschlossen', body: 'erste.bin' },
    { title: 'Download complete', body: 'zweite.bin' },
  ]);
  expect(report.tooltips.at(-1)).toBe('Ferry — idle');
});
