// When a completion group fires: once it is closed and every member has finished (completed,
// failed or canceled; one that left the list counts with its last result), its actions run once.
// The marker `firing` is saved before they start and cleared with `firedAt` when they end, so a
// Ferry killed meanwhile runs them again at its next start, and says so.
import { FINAL_STATES } from '../../../shared/model.ts';
import type { GroupMemberResult } from '../../../shared/groups.ts';
import type { GroupRecord } from '../state/records.ts';
import type { Warn } from '../state/store.ts';
import { GroupBook } from './group-book.ts';
import type { GroupActionRunner } from './group-actions.ts';

export interface CompletionDeps {
  book: GroupBook;
  /** A member still in the list: its result now, and whether the hosts know it has ended. */
  member(id: string): { result: GroupMemberResult; ended: boolean } | undefined;
  /** Saves the state now (resolves once it is on disk). */
  save(): Promise<void>;
  /** A download's file was moved by the group: its record follows. */
  moved(id: string, path: string): void;
  /** The group changed (hosts hear it). */
  changed(group: GroupRecord): void;
  /** Who runs the actions (the host's; read when the group fires). */
  runner(): GroupActionRunner | null;
  warn: Warn;
}

export class CompletionGroups {
  private readonly deps: CompletionDeps;
  /** Groups whose actions run now, and how to stop them at shutdown. */
  private readonly running = new Map<string, AbortController>();
  private readonly fired = new Set<Promise<void>>();

  constructor(deps: CompletionDeps) {
    this.deps = deps;
  }

  isRunning(name: string): boolean {
    return this.running.has(name);
  }

  /** Whether any group's actions run now ("when everything is done" waits for them). */
  anyRunning(): boolean {
    return this.running.size > 0;
  }

  /** A member ended: its result is kept (it survives the member leaving the list), then the group may fire. */
  memberEnded(name: string, result: GroupMemberResult): void {
    const group = this.deps.book.get(name);
    if (!group || group.firedAt || !group.members.includes(result.id)) return;
    group.results[result.id] = result;
    this.deps.changed(group);
    this.check(name);
  }

  /** A member left the list: one that had not finished counts as canceled. */
  memberLeft(name: string, result: GroupMemberResult): void {
    const group = this.deps.book.get(name);
    if (!group || group.firedAt || !group.members.includes(result.id)) return;
    if (!FINAL_STATES.includes(result.state)) {
      result = { ...result, state: 'canceled', error: { status: 'Canceled', message: 'removed from the list before it finished', httpStatus: null } };
    }
    group.results[result.id] = result;
    this.deps.changed(group);
    this.check(name);
  }

  /** At start: a group whose actions were cut short runs them again; one that became ready fires. */
  resume(): void {
    for (const group of this.deps.book.all()) {
      if (group.firing && !group.firedAt) {
        this.deps.warn(`group ${group.name}: Ferry stopped while its actions ran (started ${group.firing}); running them again`);
        this.fire(group, true);
      } else this.check(group.name);
    }
  }

  /** Fires the group if it is closed, not fired yet, and every member has finished. */
  check(name: string): void {
    const group = this.deps.book.get(name);
    if (!group || !group.closed || group.firedAt || group.firing || this.running.has(name) || group.members.length === 0) return;
    const allEnded = group.members.every((id) => {
      const member = this.deps.member(id);
      return member ? member.ended : id in group.results;
    });
    if (allEnded) this.fire(group, false);
  }

  /** Stops running actions (their marker stays: they run again at the next start) and waits for them. */
  async shutdown(): Promise<void> {
    for (const controller of this.running.values()) controller.abort();
    await Promise.all([...this.fired]);
  }

  private fire(group: GroupRecord, rerun: boolean): void {
    const done = this.run(group, rerun).catch((error: unknown) => this.deps.warn(`internal error, please report: group ${group.name}: ${(error as Error).message}`));
    this.fired.add(done);
    void done.finally(() => this.fired.delete(done));
  }

  private async run(group: GroupRecord, rerun: boolean): Promise<void> {
    const controller = new AbortController();
    this.running.set(group.name, controller);
    const startedAt = new Date().toISOString();
    const results = group.members.flatMap((id) => {
      const result = this.deps.member(id)?.result ?? group.results[id];
      return result ? [result] : [];
    });
    group.firing = startedAt;
    group.results = Object.fromEntries(results.map((r) => [r.id, r]));
    this.deps.changed(group);
    // On disk before anything runs: a crash from here on runs the actions again, never not at all.
    await this.deps.save().catch((error: unknown) => this.deps.warn(`group ${group.name}: could not save that its actions started (${(error as Error).message}); running them anyway`));
    const actions = group.onComplete ?? { run: null, moveTo: null };
    const hasActions = actions.run !== null || actions.moveTo !== null || actions.openFolder === true || actions.notify === true;
    const runner = this.deps.runner();
    const outcome = hasActions && runner ? await runner({ group: group.name, actions, results, rerun, signal: controller.signal }) : { outcomes: [], moved: [] };
    this.running.delete(group.name);
    if (controller.signal.aborted) return;
    for (const { id, path } of outcome.moved) {
      const kept = group.results[id];
      if (kept) group.results[id] = { ...kept, path };
      this.deps.moved(id, path);
    }
    const finishedAt = new Date().toISOString();
    GroupBook.remember(group, { startedAt, finishedAt, rerun, outcomes: outcome.outcomes });
    group.firing = null;
    group.firedAt = finishedAt;
    this.deps.changed(group);
    await this.deps.save().catch((error: unknown) => this.deps.warn(`group ${group.name}: its actions ran but that could not be saved (${(error as Error).message}); they may run again at the next start`));
  }
}
