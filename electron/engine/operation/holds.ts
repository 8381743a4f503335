// Moves transfers in and out of the waiting and paused-by-policy states as the schedule, the
// network and the power change (policy/schedule-hold.ts and policy/conditions-policy.ts say which):
// a running one is stopped first, a held one goes back to the queue when its reason is gone.
// Paused (by the user) and finished ones are never touched. Every move says why in the
// transfer's history. A timer on the engine's clock applies the schedule again at its next change.
import { FINAL_STATES, isHeld, type Conditions, type Settings, type WeeklySpan } from '../../../shared/model.ts';
import type { TransferError } from '../errors/transfer-error.ts';
import { holdFor, releaseReason, type Hold } from '../policy/conditions-policy.ts';
import { nextScheduleChange, scheduleHold, type GroupWindows, type ScheduleFacts } from '../policy/schedule-hold.ts';
import type { EngineClock } from '../service/clock.ts';
import type { Operation } from './operation.ts';

/** The schedule is looked at again at least this often: the wall clock may jump (sleep, a new time zone). */
const SCHEDULE_RECHECK_MS = 60_000;

const scheduleFacts = (op: Operation): ScheduleFacts => ({ startAt: op.record.startAt ?? null, runAnytime: op.record.runAnytime ?? false });

/** Failures that mean "no network" when the monitor says it is gone. */
const NETWORK_FAILURES = new Set(['HostNameNotResolved', 'CannotConnect', 'ConnectionReset', 'Timeout']);

export interface HoldsDeps {
  operations(): Operation[];
  conditions(): Conditions;
  settings(): Settings;
  /** A group's own time windows ([] or an unknown group: none). */
  groupWindows(name: string): readonly WeeklySpan[];
  clock(): EngineClock;
  /** The schedule's next change came: apply everything again, then start what may run. */
  reapply(): void;
  /** Something may run now (a transfer was released, or a stopped one was moved). */
  schedule(): void;
}

export class Holds {
  private readonly deps: HoldsDeps;
  private readonly stopping = new Set<string>();
  private cancelTimer: (() => void) | null = null;

  constructor(deps: HoldsDeps) {
    this.deps = deps;
  }

  /** The schedule first (a transfer outside its time says when it starts, whatever the network), then the conditions. */
  private holdOf(op: Operation): Hold {
    const settings = this.deps.settings();
    return (
      scheduleHold(scheduleFacts(op), settings.runWindows, this.deps.clock().now(), this.groupOf(op)) ??
      holdFor(op.record.costPolicy, this.deps.conditions(), settings.batteryThreshold)
    );
  }

  private groupOf(op: Operation): GroupWindows | null {
    const name = op.record.group;
    return name ? { name, windows: this.deps.groupWindows(name) } : null;
  }

  /** Applies the conditions of the moment to every transfer. */
  apply(): void {
    const conditions = this.deps.conditions();
    let released = false;
    for (const op of this.deps.operations()) {
      const state = op.state;
      if (state === 'paused' || FINAL_STATES.includes(state) || this.stopping.has(op.id)) continue;
      const hold = this.holdOf(op);
      if (isHeld(state)) {
        if (!hold) {
          op.transition('queued', releaseReason(state, conditions));
          released = true;
        } else if (hold.state !== state) op.transition(hold.state, hold.reason);
        continue;
      }
      if (!hold) continue;
      if (op.isRunning) void this.stop(op);
      else {
        op.retryAt = null;
        op.transition(hold.state, hold.reason);
      }
    }
    this.armTimer();
    if (released) this.deps.schedule();
  }

  /** Stops the schedule's timer (the engine closes). */
  close(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private armTimer(): void {
    this.close();
    const now = this.deps.clock().now();
    const live = this.deps.operations().filter((op) => !FINAL_STATES.includes(op.state) && op.state !== 'paused');
    const groups = [...new Set(live.flatMap((op) => (op.record.group ? [op.record.group] : [])))].map((name) => this.deps.groupWindows(name));
    const next = nextScheduleChange(live.map(scheduleFacts), this.deps.settings().runWindows, now, groups);
    if (next === null) return;
    this.cancelTimer = this.deps.clock().setTimer(() => {
      this.cancelTimer = null;
      this.deps.reapply();
    }, Math.min(next - now, SCHEDULE_RECHECK_MS));
  }

  /** A run that failed for want of a network while the monitor says it is gone: it waits, and no retry is spent. */
  holdAfterFailure(op: Operation, error: TransferError): boolean {
    const hold = this.holdOf(op);
    if (!hold || (hold.state === 'waitingForNetwork' && !NETWORK_FAILURES.has(error.status))) return false;
    op.transition(hold.state, hold.reason);
    return true;
  }

  private async stop(op: Operation): Promise<void> {
    this.stopping.add(op.id);
    try {
      await op.interrupt('hold');
    } finally {
      this.stopping.delete(op.id);
    }
    // The user may have paused or canceled it meanwhile; and the conditions may have changed back.
    if (op.state !== 'running') return;
    const hold = this.holdOf(op);
    if (hold) op.transition(hold.state, hold.reason);
    else op.transition('queued', 'the conditions changed back before it stopped');
    this.deps.schedule();
  }
}
