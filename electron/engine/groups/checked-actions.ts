// A group's actions as asked for, checked before they are kept: a host that runs them, a program
// named, a folder that can hold the files (absolute: the engine has no working folder of the caller's).
import path from 'node:path';
import type { GroupActions } from '../../../shared/groups.ts';
import { TransferError } from '../errors/transfer-error.ts';
import { folderProblem } from '../intake/folder-check.ts';

export function checkedActions(asked: { run?: string[] | null | undefined; moveTo?: string | null | undefined }, hostRuns: boolean): GroupActions | null {
  const actions: GroupActions = { run: asked.run ?? null, moveTo: asked.moveTo ?? null };
  if (!actions.run && !actions.moveTo) return null;
  if (!hostRuns) throw new TransferError('InvalidArgument', "this host does not run a group's actions (the daemon and the desktop app do)");
  if (actions.moveTo) {
    if (!path.isAbsolute(actions.moveTo)) throw new TransferError('InvalidArgument', `the folder to move the files into must be an absolute path, not ${actions.moveTo}`);
    const problem = folderProblem(actions.moveTo);
    if (problem) throw new TransferError('FileAccessDenied', `the files cannot be moved into ${actions.moveTo}: ${problem}`);
  }
  return actions;
}
