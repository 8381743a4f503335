// What a group's actions are given and give back, and the actions every host can run in plain
// Node: move the finished files into a folder, then run the program (which so reads their new
// paths in FERRY_RESULTS); then those a host adds (host-actions.ts: open the folder, notify).
import type { GroupActionOutcome, GroupActions, GroupMemberResult } from '../../../shared/groups.ts';
import { moveFinishedFiles } from './move-files.ts';
import { hostActionOutcomes, type HostGroupExtras } from './host-actions.ts';
import { GROUP_PROGRAM_TIMEOUT_MS, runProgram } from './run-program.ts';

export interface GroupFire {
  group: string;
  actions: GroupActions;
  results: GroupMemberResult[];
  /** Ferry stopped while these actions ran before: this is the second time. */
  rerun: boolean;
  /** Aborted when Ferry shuts down: the program is stopped, and runs again at the next start. */
  signal: AbortSignal;
}

export interface GroupFireResult {
  outcomes: GroupActionOutcome[];
  /** Downloads whose file the move put elsewhere: their new paths. */
  moved: Array<{ id: string; path: string }>;
}

export interface GroupActionRunner {
  (fire: GroupFire): Promise<GroupFireResult>;
  /** What the host adds (a group asking for one it lacks is refused when made). */
  readonly extras?: HostGroupExtras;
}

export interface ActionOptions {
  /** How long a program may run before it is stopped (default GROUP_PROGRAM_TIMEOUT_MS). */
  programTimeoutMs?: number;
}

/** The move and run actions, in that order, then the host's: open the folder, notify. */
export function plainGroupActions(options: ActionOptions = {}, extras: HostGroupExtras = {}): GroupActionRunner {
  const runner = async (fire: GroupFire): Promise<GroupFireResult> => {
    const outcomes: GroupActionOutcome[] = [];
    let results = fire.results;
    let moved: GroupFireResult['moved'] = [];
    if (fire.actions.moveTo) {
      const move = await moveFinishedFiles(results, fire.actions.moveTo);
      outcomes.push(move.outcome);
      moved = move.moved;
      const newPath = new Map(moved.map((m) => [m.id, m.path]));
      results = results.map((r) => (newPath.has(r.id) ? { ...r, path: newPath.get(r.id)! } : r));
    }
    if (fire.actions.run && !fire.signal.aborted) {
      outcomes.push(await runProgram(fire.actions.run, { group: fire.group, results, timeoutMs: options.programTimeoutMs ?? GROUP_PROGRAM_TIMEOUT_MS, signal: fire.signal }));
    }
    if (!fire.signal.aborted) outcomes.push(...(await hostActionOutcomes(fire.group, fire.actions, results, extras)));
    return { outcomes, moved };
  };
  return Object.assign(runner, { extras });
}
