// One transfer's lifecycle, whatever its kind: its record, the only place its state changes
// (through the state machine, kept in the history with a reason), its speed, watchers and runs.
// The kind's work is its step (download/download-step.ts, upload/upload-step.ts); scheduling,
// retries in time and user commands are the TransferService's.
import { categoryOf } from '../../../shared/categories.ts';
import { displayName } from '../../../shared/display-name.ts';
import type { TransferSnapshot, TransferState } from '../../../shared/model.ts';
import { canTransition } from './state-machine.ts';
import type { TransferError } from '../errors/transfer-error.ts';
import { classifyError } from '../errors/error-classify.ts';
import { SpeedMeter } from '../pipe/speed-meter.ts';
import { WantedOffsets } from '../segments/wanted.ts';
import type { TransferRecord } from '../state/records.ts';
import type { AfterFailure, OperationEnv, OperationStep, StepContext, StepFactory } from './step.ts';

const MAX_RETRY_HISTORY = 20;
const MAX_STATE_HISTORY = 50;

/** Why a run was interrupted; the interrupter decides the next state. */
export class Interrupted extends Error {
  readonly reason: 'pause' | 'cancel' | 'restart' | 'shutdown' | 'hold';
  constructor(reason: Interrupted['reason']) {
    super(`interrupted: ${reason}`);
    this.reason = reason;
  }
}

export type RunOutcome =
  | { kind: 'completed' }
  | { kind: 'interrupted' }
  | { kind: 'failed'; error: TransferError; madeProgress: boolean };

/**
 * Itself its step's context (no closures of its own), and its meter and watchers made when first
 * needed: 100,000 finished transfers held ~800 bytes each of those (now ~160). A step calls its
 * context's methods on the context (they are not bound).
 */
export class Operation implements StepContext {
  private meterOrNull: SpeedMeter | null = null;
  private controller: AbortController | null = null;
  private running: Promise<RunOutcome> | null = null;
  /** Consecutive failures without progress; reset when an attempt moves bytes. */
  failuresInRow = 0;
  /** When a `retrying` operation may run again (ms since epoch). */
  retryAt: number | null = null;
  /** Bumped whenever the bytes moved are thrown away, so readers know what they read is gone. */
  private generationCounter = 0;
  private watchers: Set<() => void> | null = null;
  private wantedOrNull: WantedOffsets | null = null;
  private leftList = false;

  readonly record: TransferRecord;
  readonly env: OperationEnv;
  private readonly step: OperationStep;

  constructor(record: TransferRecord, env: OperationEnv, makeStep: StepFactory) {
    this.record = record;
    this.env = env;
    this.step = makeStep(record, this);
  }

  private get meter(): SpeedMeter {
    return (this.meterOrNull ??= new SpeedMeter());
  }

  // The step's context (StepContext): what its run reports.
  changed(durable: boolean): void {
    this.env.changed(this.id, durable);
  }

  progressed(bytes: number): void {
    this.meter.sample(bytes);
    this.env.changed(this.id, false);
    this.notify();
  }

  attemptStarts(bytes: number): void {
    this.meter.reset();
    this.meter.sample(bytes);
  }

  startedOver(): void {
    this.generationCounter++;
    this.meterOrNull?.reset();
    this.notify();
  }

  get id(): string {
    return this.record.id;
  }

  get kind(): TransferRecord['kind'] {
    return this.record.kind;
  }

  get state(): TransferState {
    return this.record.state;
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  // What the scheduler orders by (see Schedulable).
  get priority(): TransferRecord['priority'] {
    return this.record.priority;
  }

  get queueOrder(): number {
    return this.record.queueOrder;
  }

  get group(): string | null {
    return this.record.group;
  }

  get generation(): number {
    return this.generationCounter;
  }

  /** Bytes done now: a download's bytes on disk (that a reader may read), an upload's bytes sent. */
  get bytesWritten(): number {
    return this.record.state === 'completed' ? (this.record.totalBytes ?? this.step.bytesDone) : this.step.bytesDone;
  }

  readableFrom(position: number): number {
    if (this.record.state === 'completed') return this.bytesWritten;
    return this.step.readableFrom ? this.step.readableFrom(position) : this.step.bytesDone;
  }

  /** A download's destination once known (null for an upload). */
  get destination(): string | null {
    return this.record.kind === 'download' ? this.record.path : null;
  }

  get wanted(): WantedOffsets {
    return (this.wantedOrNull ??= new WantedOffsets());
  }

  /** A reader waits at `offset` (until the returned function is called). */
  want(offset: number): () => void {
    return this.wanted.want(offset);
  }

  /** It was taken off the list: readers waiting for more will get none. */
  get hasLeft(): boolean {
    return this.leftList;
  }

  /** Called on every write and state change (for readers following a download). */
  watch(listener: () => void): () => void {
    const watchers = (this.watchers ??= new Set());
    watchers.add(listener);
    return () => watchers.delete(listener);
  }

  private notify(): void {
    if (this.watchers) for (const listener of [...this.watchers]) listener();
  }

  /**
   * The one place a state changes: through the state machine, kept in the history with its reason.
   * A change the machine does not allow is a bug: it is reported and not made.
   */
  transition(to: TransferState, reason: string, options: { announce?: boolean } = {}): void {
    const from = this.record.state;
    if (!canTransition(from, to)) {
      this.env.internalError(`transfer ${this.id}: no transition from ${from} to ${to} (${reason})`);
      return;
    }
    if (from !== to) {
      this.record.state = to;
      this.record.history = [...this.record.history, { at: new Date().toISOString(), from, to, reason }].slice(-MAX_STATE_HISTORY);
    }
    if (to !== 'running') this.meterOrNull?.reset();
    // `announce: false` saves it without telling the hosts yet: the caller finishes first (cancel).
    this.env.changed(this.id, true, options.announce ?? true);
    this.notify();
  }

  /** Bytes per second now (0 unless running): what the throughput history adds up each second. */
  get speed(): number {
    return this.record.state === 'running' && this.meterOrNull ? Math.round(this.meterOrNull.speed()) : 0;
  }

  snapshot(): TransferSnapshot {
    const r = this.record;
    const running = r.state === 'running';
    const bytes = this.bytesWritten;
    const described = this.step.describe();
    return {
      id: r.id,
      kind: r.kind,
      url: r.url,
      ...described,
      category: categoryOf(displayName({ path: described.path, url: r.url, upload: described.upload }), this.env.settings().categories),
      state: r.state,
      bytesTransferred: bytes,
      totalBytes: r.totalBytes,
      speed: this.speed,
      eta: running && this.meterOrNull ? this.meterOrNull.eta(bytes, r.totalBytes) : null,
      group: r.group,
      priority: r.priority,
      costPolicy: r.costPolicy,
      limitBytesPerSec: r.limitBytesPerSec,
      startAt: r.startAt ?? null,
      error: r.error,
      retries: r.retries,
      history: r.history,
      createdAt: r.createdAt,
      seq: r.seq,
      queueOrder: r.queueOrder,
      completedAt: r.completedAt,
      headerNames: [...Object.keys(r.headers), ...r.secretHeaderNames],
      hasCredentials: r.hasCredential,
      retryAt: r.state === 'retrying' && this.retryAt !== null ? new Date(this.retryAt).toISOString() : null,
    };
  }

  /** Starts a run; resolves with how it ended. The service owns the state transitions around it. */
  start(): Promise<RunOutcome> {
    if (this.running) return this.running;
    this.controller = new AbortController();
    this.record.error = null;
    this.transition('running', 'started');
    this.running = this.run(this.controller.signal).finally(() => {
      this.running = null;
      this.controller = null;
    });
    return this.running;
  }

  /** Stops the current run (if any) and waits until it has let go of its files. */
  async interrupt(reason: Interrupted['reason']): Promise<void> {
    const running = this.running;
    this.controller?.abort(new Interrupted(reason));
    if (running) await running;
  }

  /**
   * Forgets all progress and removes what the transfer wrote that is unfinished (cancel). The hosts
   * hear of it once the files are gone, so "Canceled" never shows beside a partial file.
   */
  async discardProgress(): Promise<void> {
    const removeFiles = this.step.forgetProgress(false);
    await removeFiles();
    this.afterForgetting();
  }

  /** Forgets all progress in the record; returns what removes the files it forgot (see OperationStep). */
  forgetProgress(restart = false): () => Promise<void> {
    const removeFiles = this.step.forgetProgress(restart);
    this.afterForgetting();
    return removeFiles;
  }

  private afterForgetting(): void {
    this.generationCounter++;
    this.meterOrNull?.reset();
    this.env.changed(this.id, true);
    this.notify();
  }

  /**
   * Puts back the record as it was before a command that could not be saved (see TransferService):
   * the only other place a state is set, since it undoes a change rather than making one.
   */
  restoreRecord(before: TransferRecord): void {
    Object.assign(this.record, before);
    this.step.restored();
    this.env.changed(this.id, true);
    this.notify();
  }

  /** A failure would end the transfer: its step may try another address instead (see OperationStep.afterFailure). */
  afterFailure(error: TransferError): AfterFailure {
    return this.step.afterFailure?.(error) ?? { kind: 'fail', error };
  }

  noteRetry(error: TransferError): void {
    this.record.retries = [
      ...this.record.retries,
      { at: new Date().toISOString(), status: error.status, httpStatus: error.httpStatus, message: error.message },
    ].slice(-MAX_RETRY_HISTORY);
  }

  /** At start, for a saved record: what it becomes (continues, stays, or settled by its step). */
  async reattach(usual: TransferState): Promise<void> {
    const settled = await this.step.reattach(this.record.state);
    // A transfer that stays as it was (finished, paused) changes nothing: nothing to save.
    if (!settled) return usual === this.record.state ? undefined : this.transition(usual, 'picked up again after Ferry restarted');
    if (settled.to === 'completed') this.record.completedAt = this.record.completedAt ?? new Date().toISOString();
    if (settled.error) this.record.error = settled.error;
    this.transition(settled.to, settled.reason);
  }

  /** The transfer leaves the list: what it leaves behind goes (and the finished file if asked). */
  leave(deleteFinished: boolean): Promise<boolean> {
    this.leftList = true;
    this.notify();
    return this.step.leave(deleteFinished && this.state === 'completed');
  }

  private async run(signal: AbortSignal): Promise<RunOutcome> {
    const startBytes = this.step.bytesDone;
    try {
      const reason = await this.step.run(signal);
      this.record.completedAt = new Date().toISOString();
      this.transition('completed', reason);
      return { kind: 'completed' };
    } catch (error) {
      if (signal.aborted) return { kind: 'interrupted' };
      const where = this.step.describe().path;
      const transferError = classifyError(error, { url: this.record.url, ...(where ? { path: where } : {}) });
      return { kind: 'failed', error: transferError, madeProgress: this.step.bytesDone > startBytes };
    }
  }
}
