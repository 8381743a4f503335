// The daemon's FerryApi: the engine plus what a headless host can offer (files as links, not Open).
import path from 'node:path';
import type { CompletedFile } from './static-files.ts';
import type { FerryApi } from '../../shared/api.ts';
import type { HostInfo } from '../../shared/model.ts';
import type { TransferService } from '../engine/transfer-service.ts';
import { TransferError } from '../engine/errors/transfer-error.ts';
import { engineApi } from '../engine/service/engine-api.ts';
import { FERRY_VERSION } from '../../shared/version.ts';

export const FILE_LINK_BASE = '/files/';

/** `fileTicket` makes the one-time ticket that lets a plain link fetch one file. */
export function createDaemonApi(service: TransferService, fileTicket: (id: string) => string): FerryApi {
  const notHere = async (): Promise<void> => {
    throw new TransferError('InvalidArgument', 'opening files is only possible in the desktop app; download the file from its link instead');
  };
  const hostInfo: HostInfo = { kind: 'daemon', version: FERRY_VERSION, canOpenFiles: false, fileLinks: true };
  return {
    ...engineApi(service),
    getHostInfo: async () => hostInfo,
    openFile: notHere,
    revealFile: notHere,
    fileLink: async (id) => {
      const t = await service.getTransfer(id);
      const file = await service.openCompletedFile(t.id);
      if (!file) throw new TransferError('NotFound', `transfer ${t.id} has no finished file to download (it is ${t.state}, or its file was moved or replaced)`);
      await file.close();
      return `${FILE_LINK_BASE}${encodeURIComponent(t.id)}?ticket=${fileTicket(t.id)}`;
    },
  };
}

/** The finished file of a transfer, opened, and its name; null if it is not there as Ferry wrote it. */
export async function completedFile(service: TransferService, id: string): Promise<CompletedFile | null> {
  const handle = await service.openCompletedFile(id).catch(() => null);
  if (!handle) return null;
  const t = await service.getTransfer(id);
  return { handle, name: path.basename(t.path ?? 'download') };
}
