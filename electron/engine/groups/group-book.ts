// The groups Ferry keeps, as saved: plain groups (parallel or serialized) and completion groups
// (members, closed, what runs, the members' results, the firing marker and what ran). Pure
// bookkeeping; when and how the actions run is completion-groups.ts.
import type { GroupBehavior, GroupInfo } from '../../../shared/model.ts';
import type { GroupMemberResult } from '../../../shared/groups.ts';
import type { GroupRecord } from '../state/records.ts';

/** A firing's history keeps this many (the newest). */
const HISTORY_KEPT = 20;

export function newGroup(name: string, behavior: GroupBehavior): GroupRecord {
  return { name, behavior, closed: false, onComplete: null, members: [], results: {}, firing: null, firedAt: null, history: [], runWindows: [] };
}

export class GroupBook {
  private readonly groups = new Map<string, GroupRecord>();

  load(saved: Record<string, GroupRecord>): void {
    for (const group of Object.values(saved)) this.groups.set(group.name, group);
  }

  saved(): Record<string, GroupRecord> {
    return Object.fromEntries(this.groups);
  }

  get(name: string): GroupRecord | undefined {
    return this.groups.get(name);
  }

  all(): GroupRecord[] {
    return [...this.groups.values()];
  }

  set(group: GroupRecord): void {
    this.groups.set(group.name, group);
  }

  delete(name: string): void {
    this.groups.delete(name);
  }

  behavior(name: string): GroupBehavior {
    return this.groups.get(name)?.behavior ?? 'parallel';
  }

  /** Why `name` takes no new member (it is closed), or null. */
  joinRefusal(name: string): string | null {
    const group = this.groups.get(name);
    if (!group?.closed) return null;
    return `group ${name} is closed: its members are all in${group.firedAt ? ' and its actions have run' : ''}; put the transfer in a new group`;
  }

  /**
   * Why `name`'s behaviour and actions can no longer change (its actions run or have run), or null.
   * A closed group still waiting for its members may change: what runs has not started.
   */
  editRefusal(name: string): string | null {
    const group = this.groups.get(name);
    if (group?.firing) return `group ${name} is running its actions now: they cannot change; make a new group`;
    if (group?.firedAt) return `group ${name} has run its actions already (${group.firedAt}): they cannot change; make a new group`;
    return null;
  }

  /** Keeps a firing in the group's history, the newest HISTORY_KEPT. */
  static remember(group: GroupRecord, firing: GroupRecord['history'][number]): void {
    group.history = [...group.history, firing].slice(-HISTORY_KEPT);
  }
}

/** What hosts and the UI see of a group: the members' live results where they are still listed. */
export function groupInfo(group: GroupRecord, live: (id: string) => GroupMemberResult | undefined, running: boolean): GroupInfo {
  return {
    name: group.name,
    behavior: group.behavior,
    closed: group.closed,
    onComplete: group.onComplete,
    members: group.members.flatMap((id) => {
      const result = live(id) ?? group.results[id];
      return result ? [result] : [];
    }),
    running,
    firedAt: group.firedAt,
    history: group.history,
    runWindows: group.runWindows,
  };
}
