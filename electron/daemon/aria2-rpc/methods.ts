// The aria2 methods Ferry answers, each on the engine's API. aria2 moves a download between
// active, waiting, paused and stopped (complete, error, removed); so do these, with Ferry's
// commands. A call Ferry cannot do as aria2 would is refused in words, never half done.
import { randomBytes } from 'node:crypto';
import { SETTING_LIMITS } from '../../../shared/model.ts';
import type { TransferSnapshot } from '../../../shared/model.ts';
import { FERRY_VERSION } from '../../../shared/version.ts';
import { aria2StatusOf, statusObject, type Aria2Status } from './aria2-status.ts';
import { changedLimit, downloadFields, globalPatch } from './aria2-options.ts';
import type { EngineCalls } from './engine-calls.ts';
import { gidOf } from './gid.ts';
import { Aria2RpcError } from './rpc-error.ts';

/** The aria2 version whose RPC this answers like (clients read it to choose what to ask). */
export const ARIA2_VERSION = '1.37.0';

const SESSION_ID = randomBytes(20).toString('hex');

type Params = unknown[];
export type Method = (engine: EngineCalls, params: Params) => Promise<unknown>;

const STOPPED: readonly Aria2Status[] = ['complete', 'error', 'removed'];
const isStatus = (t: TransferSnapshot, ...statuses: Aria2Status[]): boolean => statuses.includes(aria2StatusOf(t.state));

function keysParam(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((k) => typeof k !== 'string')) throw new Aria2RpcError('keys must be a list of field names');
  return value as string[];
}

/** aria2's paging: `offset` from the start, or (negative) from the end, newest first; at most `num`. */
export function page<T>(items: T[], offset: unknown, num: unknown): T[] {
  if (!Number.isInteger(offset) || !Number.isInteger(num) || (num as number) < 0) throw new Aria2RpcError('offset and num must be whole numbers (num not negative)');
  const o = offset as number;
  const n = num as number;
  if (o >= 0) return items.slice(o, o + n);
  const end = items.length + o + 1;
  return end <= 0 ? [] : items.slice(Math.max(0, end - n), end).reverse();
}

function requireStatus(t: TransferSnapshot, statuses: Aria2Status[], what: string): void {
  if (!isStatus(t, ...statuses)) throw new Aria2RpcError(`GID ${gidOf(t.id)} cannot be ${what}: it is ${aria2StatusOf(t.state)}`);
}

const pause: Method = async (engine, [gid]) => {
  const t = await engine.byGid(gid);
  requireStatus(t, ['active', 'waiting'], 'paused');
  return gidOf((await engine.call('pause', t.id)).id);
};

/** Every download in one of `statuses`, through `command` (pauseAll, unpauseAll). */
const everyDownload = (statuses: Aria2Status[], command: 'pause' | 'resume'): Method => async (engine) => {
  for (const t of (await engine.downloads()).filter((d) => isStatus(d, ...statuses))) await engine.call(command, t.id);
  return 'OK';
};

const remove: Method = async (engine, [gid]) => {
  const t = await engine.byGid(gid);
  requireStatus(t, ['active', 'waiting', 'paused'], 'removed (it has stopped; removeDownloadResult takes it off the list)');
  return gidOf((await engine.call('cancel', t.id)).id);
};

export const METHODS: Record<string, Method> = {
  'aria2.addUri': async (engine, [uris, options, position]) => {
    if (!Array.isArray(uris) || uris.length === 0 || uris.some((u) => typeof u !== 'string')) throw new Aria2RpcError('aria2.addUri takes a list of URIs');
    if (position !== undefined) throw new Aria2RpcError('aria2.addUri: Ferry does not take a position in the queue (it runs downloads by priority, then age)');
    const { downloadDir } = await engine.call('getSettings');
    // As in aria2, several URIs are addresses of one file: the first is the download's, the others its mirrors.
    const [url, ...mirrors] = uris as string[];
    const t = await engine.call('createDownload', { url: url!, ...(mirrors.length ? { mirrors } : {}), ...downloadFields(options, downloadDir) });
    return gidOf(t.id);
  },
  'aria2.tellStatus': async (engine, [gid, keys]) => statusObject(await engine.byGid(gid), keysParam(keys)),
  'aria2.getFiles': async (engine, [gid]) => statusObject(await engine.byGid(gid))['files'],
  'aria2.getUris': async (engine, [gid]) => (statusObject(await engine.byGid(gid))['files'] as Array<{ uris: unknown }>)[0]!.uris,
  'aria2.tellActive': async (engine, [keys]) => (await engine.downloads()).filter((t) => isStatus(t, 'active')).map((t) => statusObject(t, keysParam(keys))),
  'aria2.tellWaiting': async (engine, [offset, num, keys]) =>
    page((await engine.downloads()).filter((t) => isStatus(t, 'waiting', 'paused')), offset, num).map((t) => statusObject(t, keysParam(keys))),
  'aria2.tellStopped': async (engine, [offset, num, keys]) =>
    page((await engine.downloads()).filter((t) => isStatus(t, ...STOPPED)), offset, num).map((t) => statusObject(t, keysParam(keys))),
  'aria2.pause': pause,
  'aria2.forcePause': pause,
  'aria2.unpause': async (engine, [gid]) => {
    const t = await engine.byGid(gid);
    requireStatus(t, ['paused'], 'unpaused');
    return gidOf((await engine.call('resume', t.id)).id);
  },
  'aria2.pauseAll': everyDownload(['active', 'waiting'], 'pause'),
  'aria2.forcePauseAll': everyDownload(['active', 'waiting'], 'pause'),
  'aria2.unpauseAll': everyDownload(['paused'], 'resume'),
  'aria2.remove': remove,
  'aria2.forceRemove': remove,
  'aria2.removeDownloadResult': async (engine, [gid]) => {
    const t = await engine.byGid(gid);
    requireStatus(t, [...STOPPED], 'taken off the list while it has not stopped (remove stops it)');
    await engine.call('remove', t.id);
    return 'OK';
  },
  'aria2.purgeDownloadResult': async (engine) => {
    await engine.call('clearFinished', { states: ['completed', 'canceled', 'failed'] });
    return 'OK';
  },
  'aria2.getGlobalStat': async (engine) => {
    const all = await engine.downloads();
    const count = (...statuses: Aria2Status[]): string => String(all.filter((t) => isStatus(t, ...statuses)).length);
    const speed = all.filter((t) => isStatus(t, 'active')).reduce((sum, t) => sum + t.speed, 0);
    const stopped = count(...STOPPED);
    return { downloadSpeed: String(Math.round(speed)), uploadSpeed: '0', numActive: count('active'), numWaiting: count('waiting', 'paused'), numStopped: stopped, numStoppedTotal: stopped };
  },
  'aria2.getOption': async (engine, [gid]) => {
    const t = await engine.byGid(gid);
    return { dir: statusObject(t, ['dir'])['dir'], 'max-download-limit': String(t.limitBytesPerSec ?? 0) };
  },
  'aria2.changeOption': async (engine, [gid, options]) => {
    const t = await engine.byGid(gid);
    const limit = changedLimit(options);
    if (limit !== undefined) await engine.call('setLimit', t.id, limit);
    return 'OK';
  },
  'aria2.getGlobalOption': async (engine) => {
    const s = await engine.call('getSettings');
    return {
      dir: s.downloadDir,
      'max-concurrent-downloads': String(s.maxConcurrent),
      'max-overall-download-limit': String(s.downloadLimitBytesPerSec),
      'max-overall-upload-limit': String(s.uploadLimitBytesPerSec),
    };
  },
  'aria2.changeGlobalOption': async (engine, [options]) => {
    const patch = globalPatch(options, SETTING_LIMITS.maxConcurrent);
    if (Object.keys(patch).length > 0) await engine.call('setSettings', patch);
    return 'OK';
  },
  'aria2.getVersion': async () => ({ version: ARIA2_VERSION, enabledFeatures: ['HTTPS', `Ferry ${FERRY_VERSION}`] }),
  // New each time the host starts, as aria2's is per run.
  'aria2.getSessionInfo': async () => ({ sessionId: SESSION_ID }),
};

/** The notifications a WebSocket client may hear (aria2 sends onDownloadStop for a removed one). */
export const NOTIFICATIONS = ['aria2.onDownloadStart', 'aria2.onDownloadPause', 'aria2.onDownloadStop', 'aria2.onDownloadComplete', 'aria2.onDownloadError'];
