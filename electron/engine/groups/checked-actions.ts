// A group's actions as asked for, checked before they are kept: a host that runs them (and, for
// opening the folder and notifying, one that can), a program named, a folder that can hold the
// files (absolute: the engine has no working folder of the caller's).
import path from 'node:path';
import type { GroupActions } from '../../../shared/groups.ts';
import { TransferError } from '../errors/transfer-error.ts';
import { folderProblem } from '../intake/folder-check.ts';
import type { GroupActionRunner } from './group-actions.ts';
import { ACTIONS_FILE, type NamedActions } from '../../../shared/named-actions.ts';

/** The words of a named action, taken when the group is made (a later edit of the file does not change it). */
function namedProgram(name: string, namedActions: (() => NamedActions) | undefined): string[] {
  if (!namedActions) throw new TransferError('InvalidArgument', `this host has no named actions (the daemon and the desktop app read them from ${ACTIONS_FILE})`);
  let all: NamedActions;
  try {
    all = namedActions();
  } catch (error) {
    throw new TransferError('InvalidArgument', `the action ${name} cannot be used: ${(error as Error).message}`);
  }
  const found = Object.hasOwn(all, name) ? all[name] : undefined;
  if (!found) {
    const names = Object.keys(all);
    throw new TransferError('InvalidArgument', `no action named ${name} in ${ACTIONS_FILE} (${names.length ? `it has ${names.join(', ')}` : 'it has none'})`);
  }
  return [found.program, ...(found.args ?? [])];
}

type Asked = { run?: string[] | null | undefined; moveTo?: string | null | undefined; openFolder?: boolean | undefined; notify?: boolean | undefined; action?: string | null | undefined; keepRun?: boolean | undefined };

/** `had`: the group's actions before this change, whose program `keepRun` keeps. */
export function checkedActions(asked: Asked, runner: GroupActionRunner | undefined, namedActions: (() => NamedActions) | undefined, had: GroupActions | null = null): GroupActions | null {
  const actions: GroupActions = { run: asked.run ?? null, moveTo: asked.moveTo ?? null };
  if (asked.keepRun && (asked.run || asked.action)) throw new TransferError('InvalidArgument', 'a group keeps the program it has or is given another, not both');
  if (asked.keepRun && had?.run) {
    actions.run = had.run;
    if (had.action) actions.action = had.action;
  }
  if (asked.action) {
    if (actions.run) throw new TransferError('InvalidArgument', 'a group runs either a program given as words or a named action, not both');
    actions.run = namedProgram(asked.action, namedActions);
    actions.action = asked.action;
  }
  if (asked.openFolder) actions.openFolder = true;
  if (asked.notify) actions.notify = true;
  if (!actions.run && !actions.moveTo && !actions.openFolder && !actions.notify) return null;
  if (!runner) throw new TransferError('InvalidArgument', "this host does not run a group's actions (the daemon and the desktop app do)");
  if (actions.openFolder && !runner.extras?.openFolder) throw new TransferError('InvalidArgument', 'opening the folder when a group finishes is only possible in the desktop app (the daemon has no screen to open it on)');
  if (actions.notify && !runner.extras?.notify) throw new TransferError('InvalidArgument', 'this host cannot show a notification when a group finishes');
  if (actions.moveTo) {
    if (!path.isAbsolute(actions.moveTo)) throw new TransferError('InvalidArgument', `the folder to move the files into must be an absolute path, not ${actions.moveTo}`);
    const problem = folderProblem(actions.moveTo);
    if (problem) throw new TransferError('FileAccessDenied', `the files cannot be moved into ${actions.moveTo}: ${problem}`);
  }
  return actions;
}
