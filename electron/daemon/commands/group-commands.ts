// `ferry group create|close|ls|show`, and the completion group `ferry add --on-complete` makes.
import path from 'node:path';
import type { GroupInfo, WeeklySpan } from '../../../shared/model.ts';
import { onCompleteGroupName } from '../../../shared/groups.ts';
import { parseRunWindows, runWindowsText } from '../../../shared/schedule-text.ts';
import type { GroupRequest } from '../../../shared/schemas.ts';
import { RemoteError } from '../../../shared/api-proxy.ts';
import { shellWords, ShellWordsError } from '../../../shared/shell-words.ts';
import { connectToDaemon } from '../client.ts';
import { groupLines, groupSummary } from '../group-text.ts';

export interface OnCompleteFlags {
  onComplete?: string;
  onCompleteMove?: string;
  onCompleteOpen?: boolean;
  onCompleteNotify?: boolean;
  onCompleteAction?: string;
}

/** Whether the flags ask for any action when the group completes. */
export function asksOnComplete(flags: OnCompleteFlags): boolean {
  return flags.onComplete !== undefined || flags.onCompleteMove !== undefined || flags.onCompleteOpen === true || flags.onCompleteNotify === true || flags.onCompleteAction !== undefined;
}

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const refuse = (message: string): never => {
  throw new RemoteError({ status: 'InvalidArgument', message, httpStatus: null });
};

/** The actions the flags ask for (undefined: none): the program split as a shell would, the folder made absolute here. */
export function actionsFromFlags(flags: OnCompleteFlags): GroupRequest['onComplete'] {
  if (!asksOnComplete(flags)) return undefined;
  let run: string[] | null = null;
  if (flags.onComplete !== undefined) {
    try {
      run = shellWords(flags.onComplete);
    } catch (error) {
      if (error instanceof ShellWordsError) refuse(`--on-complete: ${error.message}`);
      throw error;
    }
  }
  return {
    run,
    moveTo: flags.onCompleteMove === undefined ? null : path.resolve(flags.onCompleteMove),
    ...(flags.onCompleteOpen ? { openFolder: true } : {}),
    ...(flags.onCompleteNotify ? { notify: true } : {}),
    ...(flags.onCompleteAction !== undefined ? { action: flags.onCompleteAction } : {}),
  };
}

export async function runGroupCreate(home: string, name: string, flags: OnCompleteFlags & { serialized?: boolean }): Promise<number> {
  const onComplete = actionsFromFlags(flags);
  const group = await connectToDaemon(home).createGroup({ name, ...(flags.serialized ? { behavior: 'serialized' } : {}), ...(onComplete ? { onComplete } : {}) });
  out(`${group.name} ${group.behavior}`);
  return 0;
}

export async function runGroupClose(home: string, name: string): Promise<number> {
  const group = await connectToDaemon(home).closeGroup(name);
  out(groupSummary(group));
  return 0;
}

export async function runGroupWindows(home: string, name: string, text: string): Promise<number> {
  const windows = parseRunWindows(text);
  if (!Array.isArray(windows)) refuse(windows.problem);
  const group = await connectToDaemon(home).setGroupWindows(name, windows as WeeklySpan[]);
  out(`${group.name} runs ${group.runWindows.length ? runWindowsText(group.runWindows) : 'whenever the time windows of the settings allow'}`);
  return 0;
}

export async function runGroupList(home: string, flags: { json?: boolean }): Promise<number> {
  for (const g of await connectToDaemon(home).listGroups()) out(flags.json ? JSON.stringify(g) : groupSummary(g));
  return 0;
}

export async function runGroupShow(home: string, name: string, flags: { json?: boolean }): Promise<number> {
  const group = (await connectToDaemon(home).listGroups()).find((g) => g.name === name) ?? refuse(`no group named ${name}`);
  if (flags.json) out(JSON.stringify(group));
  else for (const line of groupLines(group)) out(line);
  return 0;
}

type Api = ReturnType<typeof connectToDaemon>;

/**
 * `ferry add URL... --on-complete ...`: a new group of exactly these transfers, closed once they
 * are in (named by --group, else made up). `add` is what adds them; resolves with their ids.
 */
export async function inCompletionGroup(api: Api, flags: OnCompleteFlags & { group?: string }, add: (group: string) => Promise<string[]>): Promise<string[]> {
  const onComplete = actionsFromFlags(flags)!;
  const name = flags.group ?? onCompleteGroupName(new Date());
  const existing: GroupInfo | undefined = (await api.listGroups()).find((g) => g.name === name);
  if (existing) refuse(`group ${name} exists already; --on-complete makes a new group of exactly these transfers: give another --group NAME`);
  await api.createGroup({ name, onComplete });
  const ids = await add(name);
  await api.closeGroup(name);
  process.stderr.write(`ferry: group ${name}: its actions run once these ${ids.length} transfer${ids.length === 1 ? ' has' : 's have'} finished ("ferry group show ${name}")\n`);
  return ids;
}
