// The Electron host's logic with the Electron parts injected (the binary cannot run here).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IPC_CALL } from '../../shared/api-methods.ts';
import { registerIpc, type IpcMainLike } from '../../electron/main/ipc.ts';
import { isTrustedSender } from '../../electron/main/trusted-sender.ts';
import { lockDownNavigation, secureWindowOptions, withCsp } from '../../electron/main/window-options.ts';
import { trayIconName, trayMenuTemplate, trayTooltip } from '../../electron/main/tray-menu.ts';
import { aggregateProgress, noticesFor, SleepBlocker } from '../../electron/main/desktop-signals.ts';
import { safeStorageSecrets } from '../../electron/main/electron-stores.ts';
import { FileSecretStore } from '../../electron/engine/state/secrets-file.ts';
import { createDesktopApi } from '../../electron/main/host-api.ts';
import { integrationApi, listIntegrations, setIntegration, type IntegrationHost } from '../../electron/daemon/integrate/browser-integrations.ts';
import { desktopIntegrationHost, NO_FERRY_COMMAND } from '../../electron/main/desktop-integrations.ts';
import { pingThroughLauncher } from '../helpers/native-host.ts';
import type { OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import type { TransferService } from '../../electron/engine/transfer-service.ts';
import type { TransferSnapshot } from '../../shared/model.ts';
import { FaultServer, randomFile } from '../helpers/fault-server.ts';
import { makeService, tempDir, waitFinal } from '../helpers/engine.ts';
import { throwawaySecret } from '../helpers/secrets.ts';

const PAGE = 'file:///opt/Ferry/resources/app/dist/renderer/index.html';
let server: FaultServer;
let dir: string;
let service: TransferService;
const opened: string[] = [];
const asked: OpenDialogOptions[] = [];
let dialogAnswer: OpenDialogReturnValue = { canceled: true, filePaths: [] };
const noDialog = async (options: OpenDialogOptions): Promise<OpenDialogReturnValue> => {
  asked.push(options);
  return dialogAnswer;
};
const shell = {
  openPath: async (p: string) => {
    opened.push(`open ${p}`);
    return '';
  },
  showItemInFolder: (p: string) => void opened.push(`reveal ${p}`),
};

beforeEach(async () => {
  server = await new FaultServer().start();
  dir = tempDir();
  service = await makeService(dir);
  opened.length = 0;
});
afterEach(async () => {
  await service.shutdown();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Settings' Browsers against a user folder inside the test's own dir, where a test makes browsers' folders. */
const browsersHost = (): IntegrationHost => ({ where: { platform: 'linux', homeDir: path.join(dir, 'user') }, launch: { node: '/opt/Ferry/ferry', ferryBin: '/opt/Ferry/resources/ferry.js', home: path.join(dir, 'ferry-home'), runAsNode: true } });
const desktopApi = () => createDesktopApi(service, shell, integrationApi(browsersHost), noDialog, async () => undefined);

function fakeIpcMain() {
  const handlers = new Map<string, (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain: IpcMainLike = { handle: (channel, listener) => void handlers.set(channel, listener), removeHandler: (c) => void handlers.delete(c) };
  return { ipcMain, call: (url: string | null, method: unknown, args: unknown) => handlers.get(IPC_CALL)!({ senderFrame: url === null ? null : { url } }, method, args) };
}

describe('IPC', () => {
  it('refuses unknown senders and validates arguments before the engine sees them', async () => {
    const { ipcMain, call } = fakeIpcMain();
    registerIpc(ipcMain, desktopApi(), () => PAGE);
    expect(await call('https://evil.example/', 'listTransfers', [])).toMatchObject({ error: { status: 'Forbidden' } });
    expect(await call(null, 'listTransfers', [])).toMatchObject({ error: { status: 'Forbidden' } });
    expect(await call('file:///tmp/other.html', 'listTransfers', [])).toMatchObject({ error: { status: 'Forbidden' } });
    expect(await call(PAGE, 'rmRf', [])).toMatchObject({ error: { status: 'InvalidArgument', message: expect.stringMatching(/unknown method/) } });
    expect(await call(PAGE, 'pause', [42])).toMatchObject({ error: { status: 'InvalidArgument' } });
    expect(await call(PAGE, 'createDownload', [{ url: 'x', evil: true }])).toMatchObject({ error: { status: 'InvalidArgument' } });
    expect(await call(PAGE, 'createDownload', [{ url: 'nope nope' }])).toMatchObject({ error: { status: 'InvalidUri' } });
    expect(await service.listTransfers()).toEqual([]);
    expect(await call(PAGE, 'listTransfers', [])).toEqual({ result: [] });
  });

  it("lists this user's browsers and installs and removes Ferry's host for one, for the window only", async () => {
    const { ipcMain, call } = fakeIpcMain();
    registerIpc(ipcMain, desktopApi(), () => PAGE);
    expect(await call(PAGE, 'listBrowserIntegrations', [])).toEqual({ result: [] });
    fs.mkdirSync(path.join(dir, 'user/.config/chromium/Default'), { recursive: true });
    const manifest = path.join(dir, 'user/.config/chromium/NativeMessagingHosts/app.ferry.native_host.json');
    expect(await call(PAGE, 'listBrowserIntegrations', [])).toEqual({ result: [{ browser: 'chromium', name: 'Chromium', state: 'notConnected', manifest }] });
    // Another page (or none) may neither read nor change them; a browser Ferry does not know is refused.
    expect(await call('https://evil.example/', 'setBrowserIntegration', ['chromium', true])).toMatchObject({ error: { status: 'Forbidden' } });
    expect(await call(PAGE, 'setBrowserIntegration', ['opera', true])).toMatchObject({ error: { status: 'InvalidArgument' } });
    expect(fs.existsSync(manifest)).toBe(false);

    expect(await call(PAGE, 'setBrowserIntegration', ['chromium', true])).toEqual({ result: { browser: 'chromium', name: 'Chromium', state: 'connected', manifest } });
    const launcher = path.join(path.dirname(manifest), 'app.ferry.native_host.sh');
    expect(JSON.parse(fs.readFileSync(manifest, 'utf8'))).toEqual({
      name: 'app.ferry.native_host',
      description: 'Ferry: downloads handed over by its browser extension',
      path: launcher,
      type: 'stdio',
      allowed_origins: ['chrome-extension://lomlonjpmidehfdblckpaokiailhhnpk/'],
    });
    // The app's own binary, run as Node, starts the `ferry` it carries for the app's home.
    expect(fs.readFileSync(launcher, 'utf8')).toContain(`ELECTRON_RUN_AS_NODE=1 exec '/opt/Ferry/ferry' '/opt/Ferry/resources/ferry.js' --home '${path.join(dir, 'ferry-home')}' native-host "$@"`);
    expect(await call(PAGE, 'setBrowserIntegration', ['chromium', false])).toMatchObject({ result: { state: 'notConnected' } });
    expect(fs.readdirSync(path.dirname(manifest))).toEqual([]);
  });

  it("the desktop app's host starts the ferry it carries (this Node standing in for its Electron binary), or refuses in words without one", async () => {
    const where = { platform: 'linux' as const, homeDir: path.join(dir, 'user') };
    fs.mkdirSync(path.join(dir, 'user/.config/google-chrome'), { recursive: true });
    // A packaged build whose resources hold no ferry/ (made without its extraResources).
    const packaged = desktopIntegrationHost({ appPath: path.join(dir, 'app.asar'), resourcesPath: path.join(dir, 'resources'), appImage: null, execPath: process.execPath, home: path.join(dir, 'app-home'), where });
    expect(() => setIntegration(packaged, 'chrome', true)).toThrow(NO_FERRY_COMMAND);
    expect(fs.readdirSync(path.join(dir, 'user/.config/google-chrome'))).toEqual([]);

    const fromSources = desktopIntegrationHost({ appPath: path.resolve(import.meta.dirname, '../..'), resourcesPath: null, appImage: null, execPath: process.execPath, home: path.join(dir, 'app-home'), where });
    const row = setIntegration(fromSources, 'chrome', true);
    expect(row.state).toBe('connected');
    // Its state is read against the packaged build's host too: another Ferry's manifest.
    expect(listIntegrations(packaged)).toMatchObject([{ browser: 'chrome', state: 'otherFerry' }]);
    const launcher = (JSON.parse(fs.readFileSync(row.manifest, 'utf8')) as { path: string }).path;
    expect(fs.readFileSync(launcher, 'utf8')).toContain('ELECTRON_RUN_AS_NODE=1 exec ');
    expect(await pingThroughLauncher(launcher)).toEqual([{ message: { requestId: 1, ok: true, reachable: false, version: expect.any(String) } }]);
  });

  it('trusts only the app page (or the dev server origin)', () => {
    expect(isTrustedSender({ senderFrame: { url: PAGE } }, PAGE)).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: `${PAGE}#x` } }, PAGE)).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'http://localhost:5173/' } }, 'http://localhost:5173/index.html')).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'http://localhost:5174/' } }, 'http://localhost:5173/')).toBe(false);
  });
});

describe('window', () => {
  it('is isolated and sandboxed, and cannot navigate or open windows', () => {
    const prefs = secureWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, preload: '/app/preload.cjs' });
    const listeners = new Map<string, (event: { preventDefault(): void; defaultPrevented?: boolean }, url?: string) => void>();
    let openHandler: (() => { action: string }) | null = null;
    lockDownNavigation(
      { on: ((name: string, fn: never) => listeners.set(name, fn)) as never, setWindowOpenHandler: ((fn: never) => (openHandler = fn)) as never },
      PAGE,
    );
    const attempt = (name: string, url?: string) => {
      const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
      listeners.get(name)!(event, url);
      return event.defaultPrevented;
    };
    expect(attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(attempt('will-navigate', PAGE)).toBe(false);
    expect(attempt('will-attach-webview')).toBe(true);
    expect(openHandler!()).toEqual({ action: 'deny' });
    expect(withCsp({ 'X-A': ['1'] })['Content-Security-Policy']![0]).toMatch(/default-src 'self'; script-src 'self'/);
  });
});

const snap = (id: string, state: TransferSnapshot['state'], extra: Partial<TransferSnapshot> = {}) =>
  ({ id, kind: 'download', url: `https://h/${id}.bin`, path: null, state, bytesTransferred: 50, totalBytes: 100, speed: 2_500_000, eta: 1, error: null, ...extra }) as TransferSnapshot;

describe('tray, notifications, taskbar, sleep', () => {
  it('builds the tray menu and tooltip from state', () => {
    const calls: string[] = [];
    const actions = {
      show: () => calls.push('show'),
      pauseAll: () => calls.push('pause'),
      resumeAll: () => calls.push('resume'),
      setAlternativeLimit: (on: boolean) => calls.push(`alternative ${on}`),
      setWhenDone: (choice: string) => calls.push(`when done ${choice}`),
      quit: () => calls.push('quit'),
    };
    const alternative = { alternativeLimitOn: false, altDownloadLimitBytesPerSec: 1_000_000, altUploadLimitBytesPerSec: 0 };
    const menu = trayMenuTemplate([snap('a', 'running'), snap('b', 'completed')], actions, alternative);
    const altLabel = 'Alternative speed limit (1.0 MB/s down, no limit up)';
    expect(menu.map((m) => m.label ?? '-')).toEqual(['Show Ferry', '-', 'Pause all', 'Resume all', '-', altLabel, '-', 'Quit Ferry']);
    // One click switches it on; shown on, the same item switches it off.
    expect(menu.find((m) => m.label === altLabel)).toMatchObject({ type: 'checkbox', checked: false });
    (menu.find((m) => m.label === altLabel)!.click as () => void)();
    const onMenu = trayMenuTemplate([], actions, { ...alternative, alternativeLimitOn: true });
    expect(onMenu.find((m) => m.label === altLabel)?.checked).toBe(true);
    (onMenu.find((m) => m.label === altLabel)!.click as () => void)();
    expect(calls.splice(0)).toEqual(['alternative true', 'alternative false']);
    expect(menu.find((m) => m.label === 'Pause all')?.enabled).toBe(true);
    expect(menu.find((m) => m.label === 'Resume all')?.enabled).toBe(false);
    (menu.find((m) => m.label === 'Quit Ferry')!.click as () => void)();
    expect(calls).toEqual(['quit']);
    expect(trayTooltip([snap('a', 'running'), snap('b', 'running')])).toBe('Ferry — 2 active, 5.0 MB/s');
    expect(trayTooltip([snap('a', 'paused')])).toBe('Ferry — idle');
    expect(trayIconName('darwin', true)).toBe('trayTemplate.png');
    expect(trayIconName('win32', true)).toBe('tray-light.png');
  });

  it('the tray offers "when everything is done" as radio items of what the host can do, the choice and countdown in its label', () => {
    const calls: string[] = [];
    const actions = { show: () => undefined, pauseAll: () => undefined, resumeAll: () => undefined, setAlternativeLimit: () => undefined, setWhenDone: (choice: string) => calls.push(choice), quit: () => calls.push('quit') };
    const alternative = { alternativeLimitOn: false, altDownloadLimitBytesPerSec: 0, altUploadLimitBytesPerSec: 0 };
    const menu = trayMenuTemplate([], actions, alternative, { choice: 'nothing', countdownMs: null, available: ['nothing', 'quit'], problem: null });
    expect(menu.map((m) => m.label ?? '-')).toEqual(['Show Ferry', '-', 'Pause all', 'Resume all', '-', 'Alternative speed limit (no limit down, no limit up)', '-', 'When everything is done', '-', 'Quit Ferry']);
    const sub = menu.find((m) => m.label === 'When everything is done')!.submenu as Electron.MenuItemConstructorOptions[];
    expect(sub.map((m) => [m.label ?? '-', m.type, m.checked, m.enabled])).toEqual([
      ['Nothing', 'radio', true, true],
      ['Quit Ferry', 'radio', false, true],
      ['Sleep', 'radio', false, false],
      ['Shut down', 'radio', false, false],
      ['-', 'separator', undefined, undefined],
      ['Once only; a restart forgets it', undefined, undefined, false],
    ]);
    (sub[1]!.click as () => void)();
    expect(calls).toEqual(['quit']);
    const counting = trayMenuTemplate([], actions, alternative, { choice: 'sleep', countdownMs: 42_000, available: ['nothing', 'quit', 'sleep', 'shutdown'], problem: null });
    expect(counting.map((m) => m.label).filter(Boolean)).toContain('When everything is done: Sleep (counting down)');
  });

  it('notifies on completion and failure only once, and sums progress', () => {
    const before = new Map([['a', 'running' as const], ['b', 'running' as const]]);
    const notices = noticesFor((id) => before.get(id), [snap('a', 'completed'), snap('b', 'failed', { error: { status: 'NotFound', message: 'gone', httpStatus: 404 } }), snap('c', 'running')]);
    expect(notices).toEqual([
      { id: 'a', title: 'Download complete', body: 'a.bin' },
      { id: 'b', title: 'Download failed', body: 'b.bin: gone' },
    ]);
    expect(noticesFor(() => 'completed', [snap('a', 'completed')])).toEqual([]);
    expect(aggregateProgress([])).toBe(-1);
    expect(aggregateProgress([snap('a', 'running'), snap('b', 'queued', { bytesTransferred: 0 })])).toBe(0.25);
    expect(aggregateProgress([snap('a', 'running', { totalBytes: null })])).toBe(2);
  });

  it('blocks sleep only while something runs and the setting allows it', () => {
    const log: string[] = [];
    const blocker = new SleepBlocker({ start: () => (log.push('start'), 7), stop: (id) => void log.push(`stop ${id}`) });
    blocker.update(true, true);
    blocker.update(true, true);
    blocker.update(false, true);
    blocker.update(true, false);
    expect(log).toEqual(['start', 'stop 7']);
    expect(blocker.active).toBe(false);
  });
});

describe('desktop persistence and shell', () => {
  const fakeSafeStorage = (backend = 'gnome_libsecret', available = true) => ({
    isEncryptionAvailable: () => available,
    encryptString: (s: string) => Buffer.from(Buffer.from(s).map((b) => b ^ 0x5a)),
    decryptString: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)).toString(),
    getSelectedStorageBackend: () => backend,
  });
  it('keeps secrets encrypted and warns when the keyring is missing', async () => {
    const file = path.join(dir, 'secrets.json');
    const warnings: string[] = [];
    const store = new FileSecretStore(file, (w) => warnings.push(w), safeStorageSecrets(fakeSafeStorage(), (w) => warnings.push(w), 'linux'));
    const password = throwawaySecret();
    store.set('t1', { credential: `alice:${password}` });
    await store.flush();
    expect(fs.readFileSync(file, 'utf8')).not.toContain(password);
    expect(new FileSecretStore(file, (w) => warnings.push(w), safeStorageSecrets(fakeSafeStorage(), (w) => warnings.push(w), 'linux')).get('t1')).toEqual({ credential: `alice:${password}` });
    expect(warnings).toEqual([]);
    safeStorageSecrets(fakeSafeStorage('basic_text'), (w) => warnings.push(w), 'linux');
    expect(warnings[0]).toMatch(/no system keyring/);
    expect(() => new FileSecretStore(path.join(dir, 'none.json'), () => undefined, safeStorageSecrets(fakeSafeStorage('x', false), () => undefined)).set('a', {})).toThrow(/no encryption/);
  });

  it("Browse… opens the system's folder dialog at the folder typed, through the window's IPC, and gives the folder chosen", async () => {
    const { ipcMain, call } = fakeIpcMain();
    const api = desktopApi();
    registerIpc(ipcMain, api, () => PAGE);
    asked.length = 0;
    dialogAnswer = { canceled: false, filePaths: [dir] };
    expect((await api.getHostInfo()).folderDialog).toBe(true);
    expect(await call(PAGE, 'chooseFolder', ['/srv/media'])).toEqual({ result: dir });
    dialogAnswer = { canceled: true, filePaths: [] };
    expect(await call(PAGE, 'chooseFolder', [null])).toEqual({ result: null });
    expect(await call(PAGE, 'chooseFolder', ['  '])).toEqual({ result: null });
    expect(asked).toEqual([
      { properties: ['openDirectory', 'createDirectory'], defaultPath: '/srv/media' },
      { properties: ['openDirectory', 'createDirectory'] },
      { properties: ['openDirectory', 'createDirectory'] },
    ]);
    // Another page gets no dialog; a wrong argument is refused before it opens.
    expect(await call('https://evil.example/', 'chooseFolder', [null])).toMatchObject({ error: { status: 'Forbidden' } });
    expect(await call(PAGE, 'chooseFolder', [42])).toMatchObject({ error: { status: 'InvalidArgument' } });
    expect(asked).toHaveLength(3);
    // The page's own folder listing is the browser UI's; the desktop app says so.
    expect(await call(PAGE, 'listFolder', [dir])).toEqual({ error: { status: 'InvalidArgument', message: "the desktop app chooses folders with the system's dialog (chooseFolder)", httpStatus: null } });
  });

  it('opens and reveals only finished files', async () => {
    server.serve('/done.bin', randomFile(1000));
    const api = desktopApi();
    expect((await api.getHostInfo()).canOpenFiles).toBe(true);
    const t = await api.createDownload({ url: server.url('/done.bin') });
    await waitFinal(service, t.id);
    await api.openFile(t.id);
    await api.revealFile(t.id);
    expect(opened).toEqual([`open ${path.join(dir, 'done.bin')}`, `reveal ${path.join(dir, 'done.bin')}`]);
    const failed = await api.createDownload({ url: server.url('/missing') });
    await waitFinal(service, failed.id);
    await expect(api.openFile(failed.id)).rejects.toMatchObject({ status: 'InvalidArgument' });
  });
});
