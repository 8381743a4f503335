// Answers one extension request through the daemon's API. A download gets only what the browser
// knows (URL, cookies, Referer, User-Agent, a name in the daemon's download folder): never a path,
// a program or a setting of the extension's choosing (a batch may pick a named action by name).
import fs from 'node:fs';
import path from 'node:path';
import type { FerryApi } from '../../../shared/api.ts';
import type { DownloadRequest } from '../../../shared/schemas.ts';
import type { TransferSnapshot } from '../../../shared/model.ts';
import { RemoteError } from '../../../shared/api-proxy.ts';
import { displayName } from '../../../shared/display-name.ts';
import { addInCompletionGroup } from '../../../shared/groups.ts';
import { userActionAllowed } from '../../../shared/user-actions.ts';
import { FERRY_VERSION } from '../../../shared/version.ts';
import { safeFileName, uniquePath } from '../../engine/intake/file-name.ts';
import { expandHome } from '../../engine/intake/transfer-request.ts';
import type { ExtensionReply, ExtensionRequest } from './messages.ts';
import type { ActiveTransfer } from '../../../shared/browser-extension.ts';

/**
 * The part of the daemon's API the extension's requests use, and all the host may call: not
 * Settings' Browsers (setBrowserIntegration), which only the user changes, in Ferry or its command.
 */
export type ExtensionApi = Pick<FerryApi, 'getHostInfo' | 'createDownload' | 'createDownloads' | 'listTransfers' | 'pause' | 'resume' | 'getSettings' | 'listNamedActions' | 'createGroup' | 'closeGroup'>;

export interface DaemonLink {
  /** The running daemon's API; with `start`, one is started when none runs. Null: none to reach. */
  api(options: { start: boolean }): Promise<ExtensionApi | null>;
}

const FINISHED = new Set(['completed', 'canceled', 'failed']);

export async function handleRequest(request: ExtensionRequest, link: DaemonLink): Promise<ExtensionReply> {
  const requestId = request.requestId;
  const id = requestId === undefined ? {} : { requestId };
  try {
    if (request.type === 'ping') {
      const api = await link.api({ start: false });
      if (!api) return { ...id, ok: true, reachable: false, version: FERRY_VERSION };
      const info = await api.getHostInfo();
      return { ...id, ok: true, reachable: true, version: info.version };
    }
    const api = await link.api({ start: request.type === 'add' || request.type === 'addAll' });
    if (!api) throw new RemoteError({ status: 'CannotConnect', message: 'Ferry is not running', httpStatus: null });
    if (request.type === 'add') {
      const created = await api.createDownload(await downloadRequest(api, request));
      return { ...id, ok: true, id: created.id };
    }
    if (request.type === 'addAll') {
      const claimed = new Set<string>();
      const requests: DownloadRequest[] = [];
      for (const item of request.items) requests.push(await downloadRequest(api, item, claimed));
      // A named action only (the message's schema has no program): the group runs it once all have finished.
      const created = request.action ? await addInCompletionGroup(api, requests, { action: request.action }) : await api.createDownloads(requests);
      return { ...id, ok: true, ids: created.map((t) => t.id) };
    }
    if (request.type === 'actions') return { ...id, ok: true, actions: await api.listNamedActions() };
    if (request.type === 'list') {
      const transfers = (await api.listTransfers()).filter((t) => !FINISHED.has(t.state)).map(activeTransfer);
      return { ...id, ok: true, transfers };
    }
    const changed = await api[request.type](request.id);
    return { ...id, ok: true, transfer: activeTransfer(changed) };
  } catch (error) {
    const info = error instanceof RemoteError ? error.info : { status: 'Unknown', message: (error as Error).message };
    return { ...id, ok: false, error: { status: info.status, message: info.message } };
  }
}

type AddItem = Omit<Extract<ExtensionRequest, { type: 'add' }>, 'type' | 'requestId'>;

/** `claimed`: paths given to earlier items of the same batch, not on disk yet. */
async function downloadRequest(api: ExtensionApi, add: AddItem, claimed = new Set<string>()): Promise<DownloadRequest> {
  const headers: Record<string, string> = {};
  if (add.referer) headers['Referer'] = add.referer;
  if (add.userAgent) headers['User-Agent'] = add.userAgent;
  const request: DownloadRequest = { url: add.url, ...(Object.keys(headers).length ? { headers } : {}) };
  // Where `--cookie` goes: kept with the credentials, never in the record, a listing or a log.
  if (add.cookies) request.cookie = add.cookies;
  const name = add.filename ? safeFileName(add.filename) : null;
  if (name) {
    // The browser's name, in the daemon's folder, numbered rather than replacing a file there.
    const dir = path.resolve(expandHome((await api.getSettings()).downloadDir));
    request.path = uniquePath(dir, name, (candidate) => claimed.has(candidate) || fs.existsSync(candidate) || fs.existsSync(`${candidate}.part`));
    claimed.add(request.path);
  }
  return request;
}

export function activeTransfer(t: TransferSnapshot): ActiveTransfer {
  return {
    id: t.id,
    name: displayName(t),
    state: t.state,
    bytesTransferred: t.bytesTransferred,
    totalBytes: t.totalBytes,
    speed: t.speed,
    canPause: userActionAllowed('pause', t.state),
    canResume: userActionAllowed('resume', t.state),
  };
}
