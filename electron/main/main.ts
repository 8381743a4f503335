// The Electron host: one window, the tray, notifications, taskbar progress and sleep blocking
// around the engine. The only main-process module that imports electron at runtime; the logic
// lives in the injected, tested modules beside it.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, nativeTheme, net, Notification, powerMonitor, powerSaveBlocker, safeStorage, session, shell, Tray } from 'electron';
import { TransferService } from '../engine/transfer-service.ts';
import { FileJobStore } from '../engine/state/state-file.ts';
import { FileSecretStore } from '../engine/state/secrets-file.ts';
import { userActionAllowed } from '../../shared/user-actions.ts';
import type { WhenDoneChoice } from '../../shared/when-done.ts';
import { registerIpc, sendEvent } from './ipc.ts';
import { lockDownNavigation, secureWindowOptions, withCsp } from './window-options.ts';
import { trayIconName } from './tray-menu.ts';
import { TrayView } from './tray-view.ts';
import { aggregateProgress, noticesFor, SleepBlocker } from './desktop-signals.ts';
import { safeStorageSecrets } from './electron-stores.ts';
import { createDesktopApi } from './host-api.ts';
import { streamOpener } from './open-while-downloading.ts';
import { ElectronConditions } from './electron-conditions.ts';
import { platformMonitor } from '../engine/policy/conditions/platform-monitor.ts';
import { plainGroupActions } from '../engine/groups/group-actions.ts';
import { electronSystemProxy } from './electron-proxy.ts';
import { desktopIntegrationApi } from './desktop-integrations.ts';
import { currentPlatform } from '../daemon/integrate/browser-integrations.ts';
import { stagedFilePath } from '../daemon/staging.ts';
import { claimDesktopHome, desktopGroupNotify, serveDesktopHome, type DesktopHome } from './desktop-home.ts';
import { desktopAria2Secret } from './desktop-aria2-secret.ts';
import { HOME_TAKEN_EXIT, TRAY_FLAG } from '../daemon/home-owner.ts';
import { powerService } from '../engine/when-done/power.ts';
import { whenDoneHost } from '../engine/when-done/when-done-host.ts';
import { ACTIONS_FILE } from '../../shared/named-actions.ts';
import { actionsFileReader } from '../engine/groups/actions-file.ts';

const warn = (message: string): void => console.warn(`ferry: ${message}`);
if (process.env['FERRY_USER_DATA']) app.setPath('userData', process.env['FERRY_USER_DATA']);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  await app.whenReady();
  const userData = app.getPath('userData');
  const resources = app.isPackaged ? process.resourcesPath : path.join(app.getAppPath(), 'resources');
  const pageFile = path.join(app.getAppPath(), 'dist', 'renderer', 'index.html');
  const pageUrl = pathToFileURL(pageFile).toString();

  // The user-data folder is the app's home: one owner at a time, the app or a daemon.
  let releaseHome: () => Promise<void>;
  try {
    releaseHome = await claimDesktopHome(userData, warn);
  } catch (error) {
    dialog.showErrorBox('Ferry', (error as Error).message);
    app.exit(HOME_TAKEN_EXIT);
    return;
  }
  // The home's local API, once served below (a group's notice reaches its browser pages).
  let local: DesktopHome | null = null;
  // The credentials first: records set aside from a damaged state file take theirs with them.
  const secrets = new FileSecretStore(path.join(userData, 'secrets.json'), warn, safeStorageSecrets(safeStorage, warn));
  const service = new TransferService({
    store: new FileJobStore(path.join(userData, 'state.json'), warn, secrets),
    secrets,
    warn,
    // Files a browser page (`ferry ui` against this home) dropped for upload.
    stagedFile: (id) => stagedFilePath(userData, id),
    monitor: new ElectronConditions(await platformMonitor(), { net, powerMonitor }),
    groupActions: plainGroupActions({}, {
      openFolder: async (dir) => (await shell.openPath(dir)) || null,
      notify: desktopGroupNotify((notice) => {
        const notification = new Notification({ title: notice.title, body: notice.body });
        notification.on('click', () => showWindow());
        notification.show();
      }, () => local?.server ?? null),
    }),
    namedActions: actionsFileReader(path.join(userData, ACTIONS_FILE)),
    // Quit goes through before-quit below: the transfers stop where they are, the state is saved.
    whenDone: whenDoneHost(powerService(process.platform), () => app.quit()),
    // The proxy setting "system": the OS's settings and PAC script, as Chromium reads them.
    systemProxy: electronSystemProxy(session.defaultSession),
  });
  await service.start();
  const localAppData = process.env['LOCALAPPDATA'];
  // A packaged AppImage runs from a mount point that changes each run: its own file is what lasts.
  const appImage = app.isPackaged ? (process.env['APPIMAGE'] ?? null) : null;
  const integrations = desktopIntegrationApi(() => ({
    appPath: app.getAppPath(),
    resourcesPath: app.isPackaged ? process.resourcesPath : null,
    appImage,
    execPath: process.execPath,
    home: userData,
    where: { platform: currentPlatform(), homeDir: app.getPath('home'), ...(localAppData ? { localAppData } : {}) },
  }));

  // The home's local API: `ferry --home <userData>` and the browser's native host reach this app.
  // How the native host starts this app for this home when it is not running: this binary (with
  // the app's folder when run from the sources), to its tray.
  const start = { command: appImage ?? process.execPath, args: app.isPackaged ? [] : [...process.execArgv, app.getAppPath()] };
  const aria2Secret = desktopAria2Secret(userData, safeStorage, warn);
  let localFailure = '';
  local = await serveDesktopHome(service, { home: userData, integrations, start, rendererDir: path.dirname(pageFile), quit: () => app.quit(), aria2Secret, warn, info: (message) => console.info(`ferry: ${message}`) }).catch((error: unknown) => {
    localFailure = (error as Error).message;
    warn(`the local API for ${userData} could not start (${localFailure}): the ferry command and the browser extension cannot reach this app`);
    return null;
  });
  let window: BrowserWindow | null = null;
  const openWhileDownloading = streamOpener(() => (local ? { serving: local } : { notServing: localFailure || 'it has stopped' }), (url) => shell.openExternal(url));
  const api = createDesktopApi(service, shell, integrations, (options) => (window && !window.isDestroyed() ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options)), openWhileDownloading);
  registerIpc(ipcMain, api, () => pageUrl);

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders) }));
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  let quitting = false;
  const showWindow = (): void => {
    if (!window || window.isDestroyed()) window = createWindow();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  const createWindow = (): BrowserWindow => {
    const win = new BrowserWindow({ ...secureWindowOptions(path.join(import.meta.dirname, 'preload.cjs')), icon: path.join(resources, 'icon.png') });
    lockDownNavigation(win.webContents, pageUrl);
    win.once('ready-to-show', () => win.show());
    // Closing the window keeps Ferry and its transfers running in the tray.
    win.on('close', (event) => {
      if (!quitting) {
        event.preventDefault();
        win.hide();
      }
    });
    void win.loadFile(pageFile);
    return win;
  };
  // A second start hands over to this one: the native host's (TRAY_FLAG) shows no window.
  app.on('second-instance', (_event, argv) => {
    if (!argv.includes(TRAY_FLAG)) showWindow();
  });
  app.on('activate', showWindow);

  const tray = new Tray(nativeImage.createFromPath(path.join(resources, trayIconName(process.platform, nativeTheme.shouldUseDarkColors))));
  tray.on('click', showWindow);
  const sleep = new SleepBlocker(powerSaveBlocker);
  // The latest snapshot of every transfer, kept from the (batched) change events.
  const latest = new Map((await service.listTransfers()).map((t) => [t.id, t]));
  let settings = await service.getSettings();
  let whenDone = await service.getWhenDone();
  const trayActions = {
    show: showWindow,
    pauseAll: () => void Promise.all([...latest.values()].filter((t) => userActionAllowed('pause', t.state)).map((t) => service.pause(t.id).catch(() => undefined))),
    resumeAll: () => void Promise.all([...latest.values()].filter((t) => t.state === 'paused').map((t) => service.resume(t.id).catch(() => undefined))),
    // The menu follows from settingsChanged; a failed save leaves it as it was.
    setAlternativeLimit: (on: boolean) => void service.setSettings({ alternativeLimitOn: on }).catch((error: unknown) => warn((error as Error).message)),
    setWhenDone: (choice: WhenDoneChoice) => void service.setWhenDone(choice).catch((error: unknown) => warn((error as Error).message)),
    quit: () => app.quit(),
  };
  // The language setting's `system` as the window reads it: its navigator.languages start with
  // Chromium's app locale (app.getLocale), which may differ from getPreferredSystemLanguages.
  const trayView = new TrayView(tray, (template) => Menu.buildFromTemplate(template), () => [app.getLocale()]);
  // Runs up to ten times a second: the native menu and tooltip are only touched when they change.
  const refreshDesktop = (): void => {
    const all = [...latest.values()];
    trayView.refresh(all, trayActions, settings, whenDone);
    window?.setProgressBar(aggregateProgress(all));
    sleep.update(all.some((t) => t.state === 'running'), settings.preventSleep);
  };
  service.on('transfersChanged', (changed) => {
    sendEvent(window?.webContents ?? null, 'transfersChanged', changed);
    for (const notice of noticesFor((id) => latest.get(id)?.state, changed, trayView.words(settings))) {
      const notification = new Notification({ title: notice.title, body: notice.body });
      notification.on('click', showWindow);
      notification.show();
    }
    for (const t of changed) latest.set(t.id, t);
    refreshDesktop();
  });
  service.on('transfersRemoved', (ids) => {
    sendEvent(window?.webContents ?? null, 'transfersRemoved', ids);
    for (const id of ids) latest.delete(id);
    refreshDesktop();
  });
  service.on('conditionsChanged', (changed) => sendEvent(window?.webContents ?? null, 'conditionsChanged', changed));
  service.on('limitsChanged', (changed) => sendEvent(window?.webContents ?? null, 'limitsChanged', changed));
  service.on('groupsChanged', (changed) => sendEvent(window?.webContents ?? null, 'groupsChanged', changed));
  service.on('whenDoneChanged', (changed) => {
    whenDone = changed;
    sendEvent(window?.webContents ?? null, 'whenDoneChanged', changed);
    refreshDesktop();
  });
  service.on('settingsChanged', (changed) => {
    settings = changed;
    sendEvent(window?.webContents ?? null, 'settingsChanged', changed);
    nativeTheme.themeSource = changed.theme;
    refreshDesktop();
  });
  nativeTheme.themeSource = settings.theme;
  refreshDesktop();
  // Started by the browser's native host for a hand-off: the tray only, as after closing the window.
  if (!process.argv.includes(TRAY_FLAG)) showWindow();

  app.on('window-all-closed', () => {
    // Stay in the tray: transfers go on without a window.
  });
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    // Stop every transfer where it is; the next launch reattaches them all.
    void service
      .shutdown()
      .then(() => local?.close())
      .then(() => releaseHome())
      .catch((error: unknown) => warn((error as Error).message))
      .finally(() => {
        sleep.update(false, false);
        tray.destroy();
        app.exit(0);
      });
  });
}
