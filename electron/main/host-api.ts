// The desktop app's FerryApi: the engine plus Open and Show in folder through the OS shell, the
// system's folder dialog, and Open while downloading in the system's browser.
import type { Shell } from 'electron';
import type { FerryApi } from '../../shared/api.ts';
import type { TransferService } from '../engine/transfer-service.ts';
import { TransferError } from '../engine/errors/transfer-error.ts';
import { engineApi } from '../engine/service/engine-api.ts';
import { FERRY_VERSION } from '../../shared/version.ts';
import type { IntegrationApi } from '../daemon/integrate/browser-integrations.ts';
import { chooseFolder, type ShowOpenDialog } from './folder-dialog.ts';

/** `integrations`: Settings' Browsers for the user the app runs as (the window may call them); `showOpenDialog`: Browse…'s folder dialog; `openWhileDownloading`: streamOpener's. */
export function createDesktopApi(
  service: TransferService,
  shell: Pick<Shell, 'openPath' | 'showItemInFolder'>,
  integrations: IntegrationApi,
  showOpenDialog: ShowOpenDialog,
  openWhileDownloading: (id: string) => Promise<void>,
): FerryApi {
  const noListing = async (): Promise<never> => {
    throw new TransferError('InvalidArgument', 'the desktop app chooses folders with the system\'s dialog (chooseFolder)');
  };
  const finishedPath = async (id: string): Promise<string> => {
    const t = await service.getTransfer(id);
    if (t.state !== 'completed' || !t.path) throw new TransferError('InvalidArgument', 'only a finished download can be opened');
    return t.path;
  };
  return {
    ...engineApi(service),
    ...integrations,
    getHostInfo: async () => ({ kind: 'electron', owner: 'desktop', version: FERRY_VERSION, canOpenFiles: true, fileLinks: false, folderDialog: true, streams: 'app' }),
    openFile: async (id) => {
      const problem = await shell.openPath(await finishedPath(id));
      if (problem) throw new TransferError('FileAccessDenied', problem);
    },
    revealFile: async (id) => shell.showItemInFolder(await finishedPath(id)),
    fileLink: async () => {
      throw new TransferError('InvalidArgument', 'the desktop app opens files directly; use Open or Show in folder');
    },
    chooseFolder: (start) => chooseFolder(showOpenDialog, start),
    listFolder: noListing,
    makeFolder: noListing,
    streamLink: async () => {
      throw new TransferError('InvalidArgument', 'the desktop window opens a download while it arrives in the system\'s browser (openWhileDownloading)');
    },
    openWhileDownloading,
  };
}
