// Completion groups as hosts and the UI see them: what runs when every member has finished, each
// member's result, and the history of what ran (see electron/engine/groups/).
import type { TransferErrorInfo } from './errors.ts';
import type { GroupInfo, TransferKind, TransferSnapshot, TransferState } from './model.ts';
import type { DownloadRequest, GroupRequest } from './schemas.ts';

/** What a group does once it is closed and every member has finished (successfully or not). */
export interface GroupActions {
  /** A program and its arguments, run without a shell; never set from a browser page, nor shown to one (programHidden). */
  run: string[] | null;
  /** A program is set, its words withheld (what a browser page is told instead of `run`). */
  programHidden?: boolean;
  /** A folder the members' finished files are moved into (before the program runs). */
  moveTo: string | null;
  /** Open the folder of the finished files (the move's folder, else the first file's) in the file manager (desktop only). */
  openFolder?: boolean;
  /** A notification that the group finished, with its results (desktop; the daemon's open browser pages). */
  notify?: boolean;
  /** The named action (from the host's actions file) `run` was taken from, when it was picked by name. */
  action?: string;
}

/** What a notify action tells: the group's name and its results in words. */
export interface GroupNotice {
  group: string;
  title: string;
  body: string;
  /** Every member completed. */
  ok: boolean;
  /** How many members ended in each state (for a page to say it in its own language). */
  counts: Partial<Record<TransferState, number>>;
}

/** One member's end, as the program reads it in FERRY_RESULTS (kept when the member leaves the list). */
export interface GroupMemberResult {
  id: string;
  kind: TransferKind;
  url: string;
  path: string | null;
  state: TransferState;
  error: TransferErrorInfo | null;
}

/** What one action did when the group fired. */
export interface GroupActionOutcome {
  action: 'run' | 'move' | 'open' | 'notify';
  ok: boolean;
  /** The program's exit code (null: it did not start, or a signal ended it). */
  exitCode: number | null;
  signal: string | null;
  /** The program's output (stdout and stderr as they came), its first 64 KiB; a move's lines. */
  output: string;
  truncated: boolean;
  /** In words: what happened (exit 0, timed out, moved 3 files...). */
  message: string;
}

/** One firing of a group's actions. */
export interface GroupFiring {
  startedAt: string;
  finishedAt: string;
  /** Ferry stopped while the actions ran before, so they ran again at the next start. */
  rerun: boolean;
  outcomes: GroupActionOutcome[];
}

/** The output kept of a group's program. */
export const GROUP_OUTPUT_MAX = 64 * 1024;

/** The name of a group made for exactly the transfers added at once with what runs when they are done (`ferry add --on-complete...`, the add form). */
export function onCompleteGroupName(now: Date): string {
  return `on-complete-${now.toISOString().replace(/[:.]/g, '-')}`;
}

/** What a caller of `addInCompletionGroup` needs of the API. */
export interface CompletionGroupApi {
  createGroup(request: GroupRequest): Promise<GroupInfo>;
  createDownloads(requests: DownloadRequest[]): Promise<TransferSnapshot[]>;
  closeGroup(name: string): Promise<GroupInfo>;
}

/**
 * Adds the downloads in a new group that does `onComplete` once all of them have finished (the
 * window's add form, the extension's "Download all links"): made first, so an action the host
 * refuses adds nothing; closed once they are in.
 */
export async function addInCompletionGroup(api: CompletionGroupApi, requests: DownloadRequest[], onComplete: NonNullable<GroupRequest['onComplete']>, now = new Date()): Promise<TransferSnapshot[]> {
  const name = onCompleteGroupName(now);
  await api.createGroup({ name, onComplete });
  const created = await api.createDownloads(requests.map((request) => ({ ...request, group: name })));
  await api.closeGroup(name);
  return created;
}
