// The group actions a host adds to move and run: open the folder of the finished files (the
// desktop app's file manager) and a notification (the desktop's; the daemon's open browser pages).
// The engine only says what to open and what to tell; the host is injected.
import path from 'node:path';
import type { GroupActionOutcome, GroupActions, GroupMemberResult, GroupNotice } from '../../../shared/groups.ts';

export interface HostGroupExtras {
  /** Opens a folder in the file manager; resolves with what went wrong in words, or null. */
  openFolder?: (dir: string) => Promise<string | null>;
  /** Tells the user; resolves with what was done, in words ("shown", "told 2 browser pages"). */
  notify?: (notice: GroupNotice) => Promise<string>;
}

export async function hostActionOutcomes(group: string, actions: GroupActions, results: GroupMemberResult[], extras: HostGroupExtras): Promise<GroupActionOutcome[]> {
  const outcomes: GroupActionOutcome[] = [];
  if (actions.openFolder && extras.openFolder) {
    const dir = actions.moveTo ?? folderOfFirstFile(results);
    const problem = dir ? await extras.openFolder(dir).catch((error: unknown) => (error as Error).message) : 'no member left a finished file';
    outcomes.push(outcome('open', problem === null, problem === null ? `opened ${dir}` : `could not open the folder: ${problem}`));
  }
  if (actions.notify && extras.notify) {
    const notice = groupNotice(group, results);
    const said = await extras.notify(notice).then(
      (done) => ({ ok: true, message: done }),
      (error: unknown) => ({ ok: false, message: `could not notify: ${(error as Error).message}` }),
    );
    outcomes.push(outcome('notify', said.ok, said.message));
  }
  return outcomes;
}

/** "Group nightly finished" and its results in words: "3 completed, 1 failed". */
export function groupNotice(group: string, results: GroupMemberResult[]): GroupNotice {
  const counts: GroupNotice['counts'] = {};
  for (const r of results) counts[r.state] = (counts[r.state] ?? 0) + 1;
  const body = Object.entries(counts).map(([state, n]) => `${n} ${state}`).join(', ') || 'no members';
  return { group, title: `Group ${group} finished`, body, ok: results.length > 0 && results.every((r) => r.state === 'completed'), counts };
}

function folderOfFirstFile(results: GroupMemberResult[]): string | null {
  const first = results.find((r) => r.kind === 'download' && r.state === 'completed' && r.path);
  return first?.path ? path.dirname(first.path) : null;
}

function outcome(action: 'open' | 'notify', ok: boolean, message: string): GroupActionOutcome {
  return { action, ok, exitCode: null, signal: null, output: '', truncated: false, message };
}
