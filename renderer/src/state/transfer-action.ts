// What one row's action does: the engine's call, or the browser's part (a one-time file link, a
// stream link in a new tab; the desktop host opens that one itself), asking first where something
// would be lost or costs money.
import type { StoreApi } from 'zustand/vanilla';
import type { FerryBridge } from '../../../shared/api.ts';
import type { TransferSnapshot } from '../../../shared/model.ts';
import { displayName } from '../../../shared/display-name.ts';
import { t } from '../i18n/catalog.ts';
import type { RemovedTransfers } from './removed.ts';
import type { Question } from './removal.ts';
import type { FerryState } from './store.ts';

export type TransferAction = 'pause' | 'resume' | 'cancel' | 'retry' | 'open' | 'reveal' | 'download' | 'stream' | 'remove' | 'deleteFile' | 'anyway' | 'startNow';

interface ActionDeps {
  bridge: FerryBridge;
  get: StoreApi<FerryState>['getState'];
  set: StoreApi<FerryState>['setState'];
  apply: (list: TransferSnapshot[]) => void;
  ask: (question: Question) => Promise<boolean>;
  removed: RemovedTransfers;
  saveLink: (url: string) => void;
  openTab: (url: string) => void;
  without: (state: FerryState, ids: string[]) => Partial<FerryState>;
  messageOf: (error: unknown) => string;
}

export function transferAction({ bridge, get, set, apply, ask, removed, saveLink, openTab, without, messageOf }: ActionDeps): FerryState['act'] {
  return async (id: string, action: TransferAction): Promise<void> => {
    if (get().linkLostAt) return;
    const transfer = get().transfers.get(id);
    try {
      switch (action) {
        case 'open':
          return await bridge.openFile(id);
        case 'reveal':
          return await bridge.revealFile(id);
        case 'download':
          // A one-time link per click: a plain link cannot carry the session.
          return saveLink(await bridge.fileLink(id));
        case 'stream':
          // The desktop window opens no page itself: its host opens the link in the system's browser.
          if (get().host?.streams === 'app') return await bridge.openWhileDownloading(id);
          return openTab(await bridge.streamLink(id));
        case 'remove':
          return await get().remove([id]);
        case 'deleteFile': {
          const name = transfer?.path?.split(/[\\/]/).pop() ?? t.confirm.thisFile;
          const question = { title: t.confirm.deleteFileTitle(name), body: t.confirm.deleteFile(name), keep: t.confirm.keepFile, go: t.confirm.delete };
          if (!(await ask(question))) return;
          await bridge.remove(id, { deleteFile: true });
          removed.forget([id]);
          set(without(get(), [id]));
          return;
        }
        case 'retry':
          apply([transfer?.state === 'failed' ? await bridge.resume(id) : await bridge.restart(id)]);
          return;
        case 'anyway': {
          // It then runs whatever the network costs or the battery says: ask first.
          const name = transfer ? displayName(transfer) : t.confirm.thisTransfer;
          const upload = transfer?.kind === 'upload';
          const label = upload ? t.actions.uploadAnyway : t.actions.downloadAnyway;
          const question = { title: t.confirm.anywayTitle(upload), body: t.confirm.anyway(upload, name, transfer?.state === 'pausedBattery'), keep: t.confirm.notNow, go: label };
          if (!(await ask(question))) return;
          apply([await bridge.setCostPolicy(id, 'always')]);
          return;
        }
        default:
          apply([await bridge[action](id)]);
      }
    } catch (error) {
      set({ notice: messageOf(error) });
    }
  };
}
