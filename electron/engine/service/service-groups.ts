// The service's groups: the saved book (groups/group-book.ts), the firing of completion groups
// (groups/completion-groups.ts), and what ties them to the list: members joining as transfers are
// added, their ends and departures, what hosts see and hear.
import type { GroupInfo, TransferSnapshot } from '../../../shared/model.ts';
import type { GroupMemberResult } from '../../../shared/groups.ts';
import { GroupBook, groupInfo, newGroup } from '../groups/group-book.ts';
import { CompletionGroups } from '../groups/completion-groups.ts';
import type { GroupActionRunner } from '../groups/group-actions.ts';
import { TransferError } from '../errors/transfer-error.ts';
import type { Operation } from '../operation/operation.ts';
import type { TransferRecord } from '../state/records.ts';
import type { Warn } from '../state/store.ts';

export interface ServiceGroupsDeps {
  operation(id: string): Operation | undefined;
  /** Whether the hosts know the transfer has ended (a canceled one: once its part file is gone). */
  endAnnounced(op: Operation): boolean;
  /** The state saved now (resolves once on disk), or soon. */
  save(): Promise<void>;
  saveSoon(): void;
  /** A transfer's record changed (a group moved its file). */
  transferChanged(id: string): void;
  emit(groups: GroupInfo[]): void;
  /** While the saved list is being attached: nothing is announced. */
  quiet(): boolean;
  runner(): GroupActionRunner | null;
  warn: Warn;
}

export class ServiceGroups {
  readonly book = new GroupBook();
  readonly completion: CompletionGroups;
  private readonly deps: ServiceGroupsDeps;

  constructor(deps: ServiceGroupsDeps) {
    this.deps = deps;
    this.completion = new CompletionGroups({
      book: this.book,
      member: (id) => {
        const op = deps.operation(id);
        return op ? { result: memberResult(op.snapshot()), ended: deps.endAnnounced(op) } : undefined;
      },
      save: deps.save,
      moved: (id, path) => {
        const op = deps.operation(id);
        if (op?.record.kind !== 'download') return;
        op.record.path = path;
        deps.transferChanged(op.id);
      },
      changed: (group) => this.changed(group.name),
      runner: deps.runner,
      warn: deps.warn,
    });
  }

  /**
   * New transfers join their groups (made when new); a closed group takes none. Returns the undo
   * (the save failed) and the groups to announce once saved.
   */
  join(records: TransferRecord[]): { undo(): void; joined: string[] } {
    for (const { group } of records) {
      const refusal = group ? this.book.joinRefusal(group) : null;
      if (refusal) throw new TransferError('InvalidArgument', refusal);
    }
    const made = new Set<string>();
    const joined: Array<{ group: string; id: string }> = [];
    for (const { group, id } of records) {
      if (!group) continue;
      if (!this.book.get(group)) {
        made.add(group);
        this.book.set(newGroup(group, 'parallel'));
      }
      this.book.get(group)!.members.push(id);
      joined.push({ group, id });
    }
    return {
      joined: [...new Set(joined.map((j) => j.group))],
      undo: () => {
        for (const { group, id } of joined) {
          const members = this.book.get(group)?.members;
          if (members?.includes(id)) members.splice(members.indexOf(id), 1);
        }
        for (const group of made) this.book.delete(group);
      },
    };
  }

  /** A transfer ended (announced): its group keeps its result and may fire. */
  ended(op: Operation): void {
    if (op.group) this.completion.memberEnded(op.group, memberResult(op.snapshot()));
  }

  /** A transfer left the list: its group keeps its last result. */
  left(op: Operation): void {
    if (op.group) this.completion.memberLeft(op.group, memberResult(op.snapshot()));
  }

  /** A group changed: saved soon, and the hosts hear it. */
  changed(name: string): void {
    if (this.deps.quiet()) return;
    const info = this.info(name);
    if (!info) return;
    this.deps.saveSoon();
    this.deps.emit([info]);
  }

  info(name: string): GroupInfo | undefined {
    const group = this.book.get(name);
    if (!group) return undefined;
    const live = (id: string): GroupMemberResult | undefined => {
      const op = this.deps.operation(id);
      return op ? memberResult(op.snapshot()) : undefined;
    };
    return groupInfo(group, live, this.completion.isRunning(name) || group.firing !== null);
  }

  list(): GroupInfo[] {
    return this.book.all().map((group) => this.info(group.name)!);
  }
}

/** What a completion group keeps of a member. */
function memberResult(t: TransferSnapshot): GroupMemberResult {
  return { id: t.id, kind: t.kind, url: t.url, path: t.path, state: t.state, error: t.error };
}
