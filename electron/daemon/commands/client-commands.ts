// Commands that talk to the running daemon: add, ls, pause/resume/cancel/restart, wait, move, config (group: group-commands.ts).
import { QUEUE_MOVES, type QueueMove, type Settings, type TransferSnapshot } from '../../../shared/model.ts';
import { RemoteError } from '../../../shared/api-proxy.ts';
import { userActionAllowed } from '../../../shared/user-actions.ts';
import { connectToDaemon, postToDaemon } from '../client.ts';
import { readDaemonInfo } from '../home.ts';
import type { SettingsApi } from '../offline-settings.ts';
import { checkUrlCount, rateFlag, requestFromFlags, type TransferFlags } from '../transfer-options.ts';
import { errorLine, transferJson } from '../output.ts';
import { SETTING_ALIASES, settingText, settingValue } from '../setting-values.ts';
import { transferTable } from '../list-table.ts';
import { readDesktopStart } from '../home-owner.ts';
import { ARIA2_SECRET_KEY, aria2SecretFromUser, aria2SecretIsSet, aria2SecretPath, writeAria2Secret } from '../aria2-secret.ts';
import { readUrlList } from '../url-list.ts';
import { asksOnComplete, inCompletionGroup, type OnCompleteFlags } from './group-commands.ts';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/**
 * `ferry add URL... [-i FILE] [--wait]`: all in one request and one save; an id (or JSON) per line,
 * in order. With --wait it then stays until they have all ended, as `ferry wait` does for them
 * (exit 1 if any did not complete; with --json the final transfers are printed, not the new ones).
 */
export async function runAdd(home: string, urls: string[], flags: TransferFlags & OnCompleteFlags & { inputFile?: string; wait?: boolean }): Promise<number> {
  const all = [...urls, ...(flags.inputFile ? readUrlList(flags.inputFile) : [])];
  if (all.length === 0) throw new RemoteError({ status: 'InvalidArgument', message: 'give URLs to add, or -i FILE with one per line', httpStatus: null });
  checkUrlCount(all.length, flags);
  const api = connectToDaemon(home);
  const requests = await Promise.all(all.map((url) => requestFromFlags(url, flags)));
  const addIn = async (group: string | undefined): Promise<string[]> => {
    const created = await api.createDownloads(group ? requests.map((r) => ({ ...r, group })) : requests);
    if (!(flags.wait && flags.json)) for (const t of created) out(flags.json ? JSON.stringify(transferJson(t)) : t.id);
    return created.map((t) => t.id);
  };
  const completion = asksOnComplete(flags);
  const ids = completion ? await inCompletionGroup(api, flags, addIn) : await addIn(undefined);
  if (!flags.wait) return 0;
  return waitFor(api, ids, flags.json);
}

export async function runList(home: string, flags: { json?: boolean }): Promise<number> {
  const transfers = await connectToDaemon(home).listTransfers();
  if (flags.json) for (const t of transfers) out(JSON.stringify(transferJson(t)));
  else for (const line of transferTable(transfers, process.stdout.isTTY ? process.stdout.columns : undefined)) out(line);
  return 0;
}

/** `ferry pause|resume|cancel|restart <id>...|--all`: each one it applies to; exit 1 if any refused. */
export async function runControl(home: string, action: 'pause' | 'resume' | 'cancel' | 'restart', ids: string[], flags: { json?: boolean; all?: boolean }): Promise<number> {
  if (flags.all === (ids.length > 0)) {
    throw new RemoteError({ status: 'InvalidArgument', message: `give transfer ids or --all (not both) to ${action}`, httpStatus: null });
  }
  const api = connectToDaemon(home);
  const targets = flags.all ? (await api.listTransfers()).filter((t) => userActionAllowed(action, t.state)).map((t) => t.id) : ids;
  let code = 0;
  for (const id of targets) {
    try {
      const result = await api[action](id);
      if (flags.json) out(JSON.stringify(transferJson(result)));
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      process.stderr.write(`${errorLine(error.info)}\n`);
      code = 1;
    }
  }
  return code;
}

/**
 * What --all waits for: transfers the engine still moves on by itself (exactly the pausable ones).
 * Paused transfers are not waited for: only the user can move them on.
 */
const stillMoving = (t: TransferSnapshot): boolean => userActionAllowed('pause', t.state);

export async function runWait(home: string, ids: string[], flags: { all?: boolean; json?: boolean }): Promise<number> {
  if (flags.all === (ids.length > 0)) throw new RemoteError({ status: 'InvalidArgument', message: 'give transfer ids or --all (not both)', httpStatus: null });
  const api = connectToDaemon(home);
  // Short ids (as `ferry ls` prints them) are the daemon's to resolve; an unknown one fails here.
  if (ids.length > 0) return waitFor(api, await Promise.all(ids.map(async (id) => (await api.getTransfer(id)).id)), flags.json);
  const moving = new Set((await api.listTransfers()).filter(stillMoving).map((t) => t.id));
  await settled(api, null);
  return report((await api.listTransfers()).filter((t) => moving.has(t.id)), flags.json);
}

type Api = ReturnType<typeof connectToDaemon>;

/** The daemon answers when it is over (or after a while, to be asked again): no polling. */
async function settled(api: Api, ids: string[] | null): Promise<void> {
  for (;;) if (await api.waitUntilSettled(ids, 30_000)) return;
}

/** Waits for these transfers (full ids) to end and reports how each did, in that order; one that left the list meanwhile counts as not completed. */
async function waitFor(api: Api, ids: string[], json: boolean | undefined): Promise<number> {
  await settled(api, ids);
  const list = await api.listTransfers();
  const found = ids.map((id) => list.find((t) => t.id === id));
  const missing = ids.filter((_, i) => !found[i]);
  for (const id of missing) process.stderr.write(`${errorLine({ status: 'Canceled', message: `transfer ${id} left the list (removed, or beyond the finished history kept) before its end could be read`, httpStatus: null })}\n`);
  return Math.max(report(found.filter((t): t is TransferSnapshot => t !== undefined), json), missing.length > 0 ? 1 : 0);
}

function report(transfers: TransferSnapshot[], json: boolean | undefined): number {
  let code = 0;
  for (const t of transfers) {
    if (json) out(JSON.stringify(transferJson(t)));
    if (t.state !== 'completed') {
      code = 1;
      process.stderr.write(`${errorLine(t.error ?? { status: 'Unknown', message: `transfer ${t.id} ended ${t.state}`, httpStatus: null })}\n`);
    }
  }
  return code;
}

export async function runConfig(home: string, action: string, key: string | undefined, value: string | undefined): Promise<number> {
  // With a daemon running, it owns the settings; without one, they are edited in the home directly.
  const api: SettingsApi = readDaemonInfo(home)
    ? { ...connectToDaemon(home), close: async () => undefined }
    : // Loaded only without a daemon: it brings the settings' schemas and the store.
      await (await import('../offline-settings.ts')).offlineSettings(home, (m) => process.stderr.write(`ferry: warning: ${m}\n`));
  try {
    return key === ARIA2_SECRET_KEY ? await configureAria2Secret(home, api, action, value) : await configure(home, api, action, key, value);
  } finally {
    await api.close();
  }
}

async function configure(home: string, api: SettingsApi, action: string, given: string | undefined, value: string | undefined): Promise<number> {
  const key = given ? (SETTING_ALIASES[given] ?? given) : given;
  const settings = await api.getSettings();
  if (action === 'get' && !key) {
    for (const [k, v] of Object.entries(settings)) out(`${k}=${settingText(k, v)}`);
    out(`${ARIA2_SECRET_KEY}=${aria2SecretIsSet(home) ? 'set' : 'not set'}`);
    return 0;
  }
  if (!key || !(key in settings)) {
    throw new RemoteError({ status: 'InvalidArgument', message: `unknown setting ${JSON.stringify(key)}; known: ${Object.keys(settings).join(', ')}`, httpStatus: null });
  }
  const name = key as keyof Settings;
  if (action === 'get') {
    out(settingText(name, settings[name]));
    return 0;
  }
  if (action !== 'set' || value === undefined) {
    throw new RemoteError({ status: 'InvalidArgument', message: 'usage: ferry config get|set KEY [VALUE]', httpStatus: null });
  }
  const typed = settingValue(given ?? key, name, settings[name], value);
  if (name === 'aria2RpcEnabled' && typed === true && !aria2SecretIsSet(home)) {
    throw new RemoteError({ status: 'InvalidArgument', message: `the aria2 RPC needs a secret first: ferry config set ${ARIA2_SECRET_KEY}`, httpStatus: null });
  }
  const updated = await api.setSettings({ [name]: typed });
  out(settingText(name, updated[name]));
  return 0;
}

/** `ferry config get|set aria2Rpc.secret`: never printed; kept in the home (0600), not with the settings. */
async function configureAria2Secret(home: string, api: SettingsApi, action: string, value: string | undefined): Promise<number> {
  if (action === 'get') {
    out(aria2SecretIsSet(home) ? 'set' : 'not set');
    return 0;
  }
  if (action !== 'set') throw new RemoteError({ status: 'InvalidArgument', message: `usage: ferry config set ${ARIA2_SECRET_KEY} [@FILE]`, httpStatus: null });
  writeAria2Secret(home, await aria2SecretFromUser(value));
  // A settings change makes a running daemon look again: with aria2Rpc.enabled on it listens now.
  await api.setSettings({});
  // The desktop app takes the file in at once, encrypted like its other credentials.
  const where = readDesktopStart(home) ? 'handed to the desktop app, which keeps it encrypted' : `kept in ${aria2SecretPath(home)}, readable by you only`;
  process.stderr.write(`ferry: ${ARIA2_SECRET_KEY} set (${where})\n`);
  return 0;
}

/** `ferry stop`: asks the daemon to shut down (as SIGTERM does) and waits until it has. */
export async function runStop(home: string): Promise<number> {
  const { pid } = (await postToDaemon(home, '/api/cli/stop', {})) as { pid: number };
  const deadline = Date.now() + 60_000;
  while (readDaemonInfo(home) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (readDaemonInfo(home)) {
    process.stderr.write(`ferry: the daemon (pid ${pid}) has not stopped after a minute\n`);
    return 1;
  }
  process.stderr.write(`ferry: stopped the daemon (pid ${pid}); unfinished transfers continue when it starts again\n`);
  return 0;
}

/** `ferry rm <id>... [--delete-file]`: off the list (a running one is stopped first). */
export async function runRemove(home: string, ids: string[], flags: { deleteFile?: boolean }): Promise<number> {
  const api = connectToDaemon(home);
  for (const id of ids) {
    const removed = await api.remove(id, flags.deleteFile ? { deleteFile: true } : {});
    if (flags.deleteFile && !removed.fileDeleted) process.stderr.write(`ferry: ${removed.id}: removed; its file was not deleted (not finished, or moved or replaced since)\n`);
  }
  return 0;
}

/** `ferry limit ID... RATE`: their own speed limit (0 or none: only the global one), applied at once to running ones. */
export async function runLimit(home: string, args: string[], flags: { json?: boolean }): Promise<number> {
  const rate = args.at(-1);
  const ids = args.slice(0, -1);
  if (rate === undefined || ids.length === 0) throw new RemoteError({ status: 'InvalidArgument', message: 'usage: ferry limit ID... RATE (e.g. 2M, or 0 for none)', httpStatus: null });
  const bytes = rateFlag('the speed', rate);
  const api = connectToDaemon(home);
  for (const id of ids) {
    const t = await api.setLimit(id, bytes || null);
    out(flags.json ? JSON.stringify(transferJson(t)) : `${t.id} ${t.limitBytesPerSec === null ? 'no limit of its own' : `at most ${rate} per second`}`);
  }
  return 0;
}

/** `ferry start-now ID...`: scheduled transfers go now (their start time and the time windows no longer hold them). */
export async function runStartNow(home: string, ids: string[], flags: { json?: boolean }): Promise<number> {
  const api = connectToDaemon(home);
  for (const id of ids) {
    const t = await api.startNow(id);
    out(flags.json ? JSON.stringify(transferJson(t)) : `${t.id} ${t.state}`);
  }
  return 0;
}

/** `ferry move ID... top|up|down|bottom`: their place in the queue (queued transfers only). */
export async function runMove(home: string, args: string[], flags: { json?: boolean }): Promise<number> {
  const move = args.at(-1);
  const ids = args.slice(0, -1);
  if (ids.length === 0 || !QUEUE_MOVES.includes(move as QueueMove)) {
    throw new RemoteError({ status: 'InvalidArgument', message: `usage: ferry move ID... top|up|down|bottom${move && ids.length > 0 ? ` ("${move}" is none of them)` : ''}`, httpStatus: null });
  }
  for (const t of await connectToDaemon(home).moveInQueue(ids, move as QueueMove)) {
    out(flags.json ? JSON.stringify(transferJson(t)) : `${t.id} moved ${move === 'top' || move === 'bottom' ? `to the ${move}` : move}${t.priority === 'high' ? ' (high priority)' : ''}`);
  }
  return 0;
}

/** `ferry set-url ID URL [--start-over]`: a new address for a paused or failed download. */
export async function runSetUrl(home: string, id: string, url: string, flags: { json?: boolean; startOver?: boolean }): Promise<number> {
  const t = await connectToDaemon(home).setUrl(id, url, flags.startOver ? { startOver: true } : {});
  out(flags.json ? JSON.stringify(transferJson(t)) : `${t.id} ${t.state === 'queued' || t.state === 'running' ? 'continuing' : t.state} at ${t.url}${t.bytesTransferred > 0 ? `, from ${t.bytesTransferred} bytes on disk` : ''}`);
  return 0;
}

export type ClearFlags = { completed?: boolean; failed?: boolean; canceled?: boolean };

/** `ferry clear [--completed] [--failed] [--canceled]`: those transfers off the list (completed when none is named); files stay. */
export async function runClear(home: string, flags: ClearFlags): Promise<number> {
  const named = (['completed', 'failed', 'canceled'] as const).filter((state) => flags[state]);
  const states: Array<(typeof named)[number]> = named.length > 0 ? named : ['completed'];
  const cleared = await connectToDaemon(home).clearFinished({ states });
  const which = states.length === 3 ? 'finished' : states.join(' and ');
  // A failed download's partial file goes with it (a retry would have continued from it).
  const files = states.includes('failed') ? 'finished files stay, partial ones are deleted' : 'their files stay';
  process.stderr.write(`ferry: cleared ${cleared.length} ${which} transfer${cleared.length === 1 ? '' : 's'} from the list (${files})\n`);
  return 0;
}
