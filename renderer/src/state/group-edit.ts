// Completion groups as the window sets them: the group editor's form (behaviour, what runs when all
// have finished, its time windows) and the add form's "When these are done" (a new group of exactly
// the added transfers, closed once they are in, as `ferry add --on-complete...` makes). A program is
// never typed here: the window picks a named action, or keeps the program the group has.
import type { FerryBridge } from '../../../shared/api.ts';
import { addInCompletionGroup } from '../../../shared/groups.ts';
import type { GroupBehavior, GroupInfo, TransferSnapshot, WeeklySpan } from '../../../shared/model.ts';
import type { DownloadRequest, GroupRequest } from '../../../shared/schemas.ts';
import { parseRunWindows, runWindowsText } from '../../../shared/schedule-text.ts';
import { t } from '../i18n/catalog.ts';

type GroupActionsRequest = NonNullable<GroupRequest['onComplete']>;

/** The add form's "When these are done": nothing, notify, open the folder (desktop only) or a named action ("action:NAME"). */
export type WhenTheseDone = '' | 'notify' | 'open' | `action:${string}`;

/** What the add form's choice asks the new group to do, or null (no group). */
export function whenDoneActions(choice: WhenTheseDone | undefined): GroupActionsRequest | null {
  if (choice === 'notify') return { notify: true };
  if (choice === 'open') return { openFolder: true };
  if (choice?.startsWith('action:')) return { action: choice.slice('action:'.length) };
  return null;
}

/**
 * Adds the requests; with a choice, in a new group made first (an action the host refuses adds
 * nothing) and closed once they are in, so its actions run once all of them have finished.
 */
export async function addWithActions(
  bridge: Pick<FerryBridge, 'createDownloads' | 'createGroup' | 'closeGroup'>,
  requests: DownloadRequest[],
  choice: WhenTheseDone | undefined,
  now = new Date(),
): Promise<TransferSnapshot[]> {
  const onComplete = whenDoneActions(choice);
  return onComplete ? addInCompletionGroup(bridge, requests, onComplete, now) : bridge.createDownloads(requests);
}

/** The program select's value that keeps what the group runs now (a name cannot hold ":"). */
export const KEEP_PROGRAM = ':keep';

/** The group editor's fields as the user sets them. */
export interface GroupForm {
  behavior: GroupBehavior;
  notify: boolean;
  openFolder: boolean;
  /** The folder to move the finished files into; empty: none. */
  moveTo: string;
  /** '' runs nothing, KEEP_PROGRAM keeps the group's program, else a named action's name. */
  program: string;
  /** The time windows as the CLI takes them ("mon-fri 01:00-07:00; sat 00:00-24:00"; "none" or empty: none). */
  windows: string;
}

export function groupFormOf(group: GroupInfo): GroupForm {
  const actions = group.onComplete;
  return {
    behavior: group.behavior,
    notify: actions?.notify ?? false,
    openFolder: actions?.openFolder ?? false,
    moveTo: actions?.moveTo ?? '',
    program: actions?.run || actions?.programHidden ? KEEP_PROGRAM : '',
    // No windows: an empty field (empty and "none" both clear them).
    windows: group.runWindows.length ? runWindowsText(group.runWindows) : '',
  };
}

/** Whether the group's behaviour and actions may still change: not once they run or have run (the engine refuses). */
export function actionsEditable(group: GroupInfo): boolean {
  return !group.running && group.firedAt === null;
}

export function groupRequestOf(name: string, form: GroupForm): GroupRequest {
  const onComplete: GroupActionsRequest = { notify: form.notify, openFolder: form.openFolder, moveTo: form.moveTo.trim() || null };
  if (form.program === KEEP_PROGRAM) onComplete.keepRun = true;
  else if (form.program) onComplete.action = form.program;
  return { name, behavior: form.behavior, onComplete };
}

/** Time windows as typed, read by the CLI's parser; a refusal in the window's language names the part that is wrong. */
export function windowsFromText(text: string): WeeklySpan[] | string {
  const parsed = parseRunWindows(text);
  if (Array.isArray(parsed)) return parsed;
  if (text.trim().startsWith('[')) return t.groupEditor.badWindowsJson;
  const parts = text.split(';').map((part) => part.trim());
  return t.groupEditor.badWindow(parts.find((part) => part && !Array.isArray(parseRunWindows(part))) ?? text.trim());
}

/**
 * Saves the editor's form: the behaviour and actions (while they may change), then the windows
 * when they differ. Resolves with the group as the host keeps it.
 */
export async function saveGroup(bridge: Pick<FerryBridge, 'createGroup' | 'setGroupWindows'>, group: GroupInfo, form: GroupForm): Promise<GroupInfo> {
  const windows = windowsFromText(form.windows);
  if (typeof windows === 'string') throw new Error(windows);
  let saved = group;
  if (actionsEditable(group)) saved = await bridge.createGroup(groupRequestOf(group.name, form));
  if (runWindowsText(windows) !== runWindowsText(group.runWindows)) saved = await bridge.setGroupWindows(group.name, windows);
  return saved;
}
