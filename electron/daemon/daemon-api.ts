// The daemon's FerryApi: the engine plus what a headless host can offer (files as links, not Open).
import path from 'node:path';
import type { CompletedFile } from './static-files.ts';
import type { TransferStreams } from './stream-route.ts';
import type { FerryApi } from '../../shared/api.ts';
import type { HostInfo, TransferSnapshot } from '../../shared/model.ts';
import type { TransferService } from '../engine/transfer-service.ts';
import { TransferError } from '../engine/errors/transfer-error.ts';
import { engineApi } from '../engine/service/engine-api.ts';
import { FERRY_VERSION } from '../../shared/version.ts';
import type { IntegrationApi } from './integrate/browser-integrations.ts';
import { expandHome } from '../engine/intake/transfer-request.ts';
import { folderChooser } from './folder-chooser.ts';

export const FILE_LINK_BASE = '/files/';
export const STREAM_LINK_BASE = '/stream/';

/** What lets a plain link (which cannot carry a header) fetch one transfer's bytes. */
export interface LinkTickets {
  /** A one-time ticket for a finished file. */
  file(id: string): string;
  /** A ticket for a download's bytes as they arrive, good while used. */
  stream(id: string): string;
}

/** `integrations`: Settings' Browsers, for the user the daemon runs as (its browser UI may call them: it is logged in); `owner`: who serves the home (the desktop app serves this API too). */
export function createDaemonApi(service: TransferService, tickets: LinkTickets, integrations: IntegrationApi, owner: HostInfo['owner'] = 'daemon'): FerryApi {
  const notHere = async (): Promise<void> => {
    throw new TransferError('InvalidArgument', 'opening files is only possible in the desktop app; download the file from its link instead');
  };
  const hostInfo: HostInfo = { kind: 'daemon', owner, version: FERRY_VERSION, canOpenFiles: false, fileLinks: true, folderDialog: false, streams: 'tab' };
  const folders = folderChooser(async () => expandHome((await service.getSettings()).downloadDir));
  return {
    ...engineApi(service),
    ...integrations,
    getHostInfo: async () => hostInfo,
    openFile: notHere,
    revealFile: notHere,
    fileLink: async (id) => {
      const t = await service.getTransfer(id);
      const file = await service.openCompletedFile(t.id);
      if (!file) throw new TransferError('NotFound', `transfer ${t.id} has no finished file to download (it is ${t.state}, or its file was moved or replaced)`);
      await file.close();
      return `${FILE_LINK_BASE}${encodeURIComponent(t.id)}?ticket=${tickets.file(t.id)}`;
    },
    chooseFolder: async () => {
      throw new TransferError('InvalidArgument', 'the daemon has no folder dialog; the browser UI chooses a folder in the page');
    },
    listFolder: (dir, options) => folders.listFolder(dir, options),
    makeFolder: (parent, name) => folders.makeFolder(parent, name),
    streamLink: async (id) => {
      const t = await downloadOf(service, id);
      if (t.state === 'failed' || t.state === 'canceled') throw new TransferError('InvalidArgument', `transfer ${t.id} is ${t.state}; there is nothing to read from it`);
      return `${STREAM_LINK_BASE}${encodeURIComponent(t.id)}?ticket=${tickets.stream(t.id)}`;
    },
    openWhileDownloading: async () => {
      throw new TransferError('InvalidArgument', 'a browser page opens the stream link itself (streamLink)');
    },
  };
}

async function downloadOf(service: TransferService, id: string): Promise<TransferSnapshot> {
  const t = await service.getTransfer(id);
  if (t.kind !== 'download') throw new TransferError('InvalidArgument', `transfer ${t.id} is an upload; there is nothing to read from it`);
  return t;
}

/** A download's bytes as they arrive, for GET /stream/ID (an HTTP reader stops when it is paused). */
export function transferStreams(service: TransferService): TransferStreams {
  return {
    facts: async (id) => {
      const t = await downloadOf(service, id);
      return { name: t.path ? path.basename(t.path) : null, total: t.totalBytes };
    },
    open: (id, offset) => service.openReadStream(id, offset, { stopWhenPaused: true }),
  };
}

/** The finished file of a transfer, opened, and its name; null if it is not there as Ferry wrote it. */
export async function completedFile(service: TransferService, id: string): Promise<CompletedFile | null> {
  const handle = await service.openCompletedFile(id).catch(() => null);
  if (!handle) return null;
  const t = await service.getTransfer(id);
  return { handle, name: path.basename(t.path ?? 'download') };
}
