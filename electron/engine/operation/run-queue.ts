// Starts what may run now and decides what happens after a run ends by itself: retried later
// (backoff, Retry-After) or failed. Wakes itself when the next retry is due. The TransferService
// calls schedule() after anything that may change what can run.
import type { GroupBehavior, Settings } from '../../../shared/model.ts';
import { isRetryable } from '../errors/error-classify.ts';
import { afterFailure } from '../policy/retry-policy.ts';
import { nextRetryAt, pickToStart } from '../policy/scheduler.ts';
import type { Operation, RunOutcome } from './operation.ts';
import type { TransferError } from '../errors/transfer-error.ts';

export interface RunQueueDeps {
  operations(): Operation[];
  settings(): Settings;
  groupBehavior(group: string): GroupBehavior;
  /** A failure the conditions explain (no network): the transfer waits instead, and true is returned. */
  holdAfterFailure(op: Operation, error: TransferError): boolean;
}

export class RunQueue {
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly deps: RunQueueDeps;

  constructor(deps: RunQueueDeps) {
    this.deps = deps;
  }

  schedule(): void {
    if (this.closed) return;
    const operations = this.deps.operations();
    for (const op of pickToStart(operations, this.deps.settings().maxConcurrent, (g) => this.deps.groupBehavior(g), Date.now())) {
      void op.start().then((outcome) => this.settle(op, outcome));
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = nextRetryAt(operations);
    if (next !== null) this.timer = setTimeout(() => this.schedule(), Math.max(0, next - Date.now()) + 5);
  }

  /** Nothing starts any more (shutting down); runs that end now keep their saved state. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** What happens after a run ends on its own (not by a user command or shutdown). */
  private settle(op: Operation, outcome: RunOutcome): void {
    if (outcome.kind === 'failed' && !this.closed && !this.deps.holdAfterFailure(op, outcome.error)) {
      const { error } = outcome;
      if (outcome.madeProgress) op.failuresInRow = 0;
      op.failuresInRow++;
      const next = afterFailure(error, isRetryable(error), op.failuresInRow, this.deps.settings());
      const instead = next.kind === 'fail' ? op.afterFailure(error) : null;
      if (next.kind === 'retry') {
        // History lists what was retried; the final failure is the transfer's `error`.
        op.noteRetry(error);
        op.retryAt = Date.now() + next.delayMs;
        op.transition('retrying', next.reason);
      } else if (instead?.kind === 'switch') {
        // Another address of the file, at once, with retries of its own.
        op.noteRetry(error);
        op.failuresInRow = 0;
        op.retryAt = Date.now();
        op.transition('retrying', instead.reason);
      } else {
        op.record.error = (instead?.error ?? error).toInfo();
        op.transition('failed', next.reason);
      }
    }
    this.schedule();
  }
}
