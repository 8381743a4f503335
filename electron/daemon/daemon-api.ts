// The daemon's FerryApi: the engine plus what a headless host can offer (files as links, not Open).
import fs from 'node:fs';
import type { FerryApi } from '../../shared/api.ts';
import type { HostInfo } from '../../shared/model.ts';
import type { TransferService } from '../engine/transfer-service.ts';
import { TransferError } from '../engine/transfer-error.ts';
import { engineApi } from '../engine/engine-api.ts';

export const VERSION = '0.1.0';
export const FILE_LINK_BASE = '/files/';

/** `fileTicket` makes the one-time ticket that lets a plain link fetch one file. */
export function createDaemonApi(service: TransferService, fileTicket: (id: string) => string): FerryApi {
  const notHere = async (): Promise<void> => {
    throw new TransferError('InvalidArgument', 'opening files is only possible in the desktop app; download the file from its link instead');
  };
  const hostInfo: HostInfo = { kind: 'daemon', version: VERSION, canOpenFiles: false, fileLinks: true };
  return {
    ...engineApi(service),
    getHostInfo: async () => hostInfo,
    openFile: notHere,
    revealFile: notHere,
    fileLink: async (id) => {
      const t = await service.getTransfer(id);
      if (!(await completedFile(service, t.id))) throw new TransferError('NotFound', `transfer ${t.id} has no finished file to download`);
      return `${FILE_LINK_BASE}${encodeURIComponent(t.id)}?ticket=${fileTicket(t.id)}`;
    },
  };
}

/** The finished file of a transfer, for the browser UI's download link; null if there is none. */
export async function completedFile(service: TransferService, id: string): Promise<string | null> {
  try {
    const t = await service.getTransfer(id);
    return t.state === 'completed' && t.path && fs.existsSync(t.path) ? t.path : null;
  } catch {
    return null;
  }
}
