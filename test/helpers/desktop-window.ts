// The desktop window's side of "Open while downloading" in tests: the app's own home and local API
// on 127.0.0.1 (as main.ts serves them), the desktop FerryApi behind registerIpc, and a bridge that
// calls it as the preload does, from the app's page. shell.openExternal is recorded, not run; a
// test may say the local API failed to start. Downloads come from a real server that holds the
// rest of the file back, so a link is read while its download still runs.
import fs from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import { FaultServer, randomFile } from './fault-server.ts';
import { tempDir } from './engine.ts';
import { desktopIntegrations, desktopService, DESKTOP_START } from './desktop-home.ts';
import { claimDesktopHome, serveDesktopHome, type DesktopHome } from '../../electron/main/desktop-home.ts';
import { createDesktopApi } from '../../electron/main/host-api.ts';
import { registerIpc, type IpcMainLike } from '../../electron/main/ipc.ts';
import { streamOpener, type LocalApiState } from '../../electron/main/open-while-downloading.ts';
import { createApiProxy, unwrapPayload } from '../../shared/api-proxy.ts';
import type { FerryBridge } from '../../shared/api.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';

const PAGE = 'file:///opt/Ferry/resources/app/dist/renderer/index.html';
/** Where the server holds a download back (its connection open and silent). */
export const HELD_AFTER = 1024 * 1024;

export interface DesktopWindowBed {
  server: FaultServer;
  service: TransferService;
  local: DesktopHome;
  /** What main asked the system's browser to open. */
  opened: string[];
  /** The app's local API as main sees it (serving, or why not). */
  localState: () => LocalApiState;
  /** window.ferry as the preload makes it, over registerIpc. */
  bridge(): FerryBridge;
  /** A download of `name` on one connection, held back after HELD_AFTER bytes, once those are in. */
  heldDownload(name: string): Promise<{ id: string; body: Buffer }>;
}

export function useDesktopWindow(): DesktopWindowBed {
  const bed = { opened: [] as string[] } as unknown as DesktopWindowBed;
  let home = '';
  let downloads = '';
  let release: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    bed.server = await new FaultServer().start();
    home = tempDir('ferry-ow-home-');
    downloads = tempDir('ferry-ow-dl-');
    release = await claimDesktopHome(home, () => undefined);
    // A held connection stays held: the download runs for as long as the test reads.
    bed.service = await desktopService(home, downloads, { defaults: { stallTimeoutMs: 600_000 } });
    bed.local = await serveDesktopHome(bed.service, { home, integrations: desktopIntegrations(home, tempDir('ferry-ow-user-')), start: DESKTOP_START, rendererDir: tempDir('ferry-ow-renderer-'), quit: () => undefined, aria2Secret: () => null, warn: () => undefined, info: () => undefined });
    bed.localState = () => ({ serving: bed.local });
  });
  afterAll(async () => {
    for (const t of await bed.service.listTransfers()) await bed.service.cancel(t.id).catch(() => undefined);
    await bed.service.shutdown();
    await bed.local.close();
    await release();
    await bed.server.close();
    for (const dir of [home, downloads]) fs.rmSync(dir, { recursive: true, force: true });
  });
  bed.bridge = () => {
    let handler: ((event: { senderFrame: { url: string } }, ...args: unknown[]) => Promise<unknown>) | null = null;
    const ipcMain: IpcMainLike = { handle: (_channel, listener) => void (handler = listener), removeHandler: () => undefined };
    const shell = { openPath: async () => '', showItemInFolder: () => undefined };
    const openExternal = async (url: string): Promise<void> => void bed.opened.push(url);
    const api = createDesktopApi(bed.service, shell, desktopIntegrations(home, tempDir('ferry-ow-user-')), async () => ({ canceled: true, filePaths: [] }), streamOpener(() => bed.localState(), openExternal));
    registerIpc(ipcMain, api, () => PAGE);
    const proxy = createApiProxy(async (method, args) => unwrapPayload(await handler!({ senderFrame: { url: PAGE } }, method, args)));
    return Object.assign(proxy, { on: bed.service.on.bind(bed.service) }) as FerryBridge;
  };
  bed.heldDownload = async (name) => {
    const file = randomFile(4 * 1024 * 1024);
    bed.server.serve(`/${name}`, file, [{ kind: 'stall', afterBytes: HELD_AFTER }]);
    const t = await bed.service.createDownload({ url: bed.server.url(`/${name}`), connections: 1 });
    await expect.poll(async () => (await bed.service.getTransfer(t.id)).bytesTransferred, { timeout: 30_000 }).toBeGreaterThanOrEqual(HELD_AFTER);
    return { id: t.id, body: file.body };
  };
  return bed;
}
