// One download: its persisted record, its run loop over HTTP attempts, and its finish.
// Scheduling, retries-in-time and user commands are the TransferService's job.
import type { LookupFunction } from 'node:net';
import type { Settings, TransferSnapshot, TransferState } from '../../shared/model.ts';
import { canTransition } from './state-machine.ts';
import { TransferError } from './transfer-error.ts';
import { classifyError } from './error-classify.ts';
import { runDownloadAttempt, type AttemptResult } from './download-attempt.ts';
import type { SourceAnswer } from './download-source.ts';
import { downloadSourceFor } from './protocols/registry.ts';
import path from 'node:path';
import { fileSize, isIdentity, lstatOrNull, partPathFor, promotePartFile, removeOurFile, sha256OfFile } from './part-file.ts';
import { decodePartFile, encodingToUndo } from './content-encoding.ts';
import { splitCredential } from './download-request.ts';
import { chooseFileName, uniquePath } from './file-name.ts';
import { SpeedMeter } from './speed-meter.ts';
import type { DownloadRecord, TransferSecret } from './records.ts';

const MAX_HISTORY = 20;
const MAX_STATE_HISTORY = 50;
/** A server that keeps changing the file under us is a failure, not an endless loop. */
const MAX_RESTARTS_FROM_ZERO = 3;

export interface OperationEnv {
  settings(): Settings;
  secret(id: string): TransferSecret | undefined;
  dnsLookup?: LookupFunction | undefined;
  /** True when another transfer already owns `candidate` or it exists on disk. */
  isPathTaken(candidate: string, selfId: string): boolean;
  /** A bug was caught (an impossible state change): say so loudly, without stopping the engine. */
  internalError(message: string): void;
  /** The record changed; `durable` asks for it to be written at once. */
  changed(operation: DownloadOperation, durable: boolean, announce?: boolean): void;
  /** Resolves once every change reported so far is in the store on disk. */
  saved(): Promise<void>;
}

/** Why a run was interrupted; the interrupter decides the next state. */
export class Interrupted extends Error {
  readonly reason: 'pause' | 'cancel' | 'restart' | 'shutdown';
  constructor(reason: Interrupted['reason']) {
    super(`interrupted: ${reason}`);
    this.reason = reason;
  }
}

export type RunOutcome =
  | { kind: 'completed' }
  | { kind: 'interrupted' }
  | { kind: 'failed'; error: TransferError; madeProgress: boolean };

export class DownloadOperation {
  /** Bytes in the part file now (may run ahead of the durable checkpoint). */
  private bytesOnDisk: number;
  private readonly meter = new SpeedMeter();
  private controller: AbortController | null = null;
  private running: Promise<RunOutcome> | null = null;
  /** Consecutive failures without progress; reset when an attempt moves bytes. */
  failuresInRow = 0;
  /** When a `retrying` operation may run again (ms since epoch). */
  retryAt: number | null = null;
  /** Bumped whenever the bytes on disk are thrown away, so readers know what they read is gone. */
  private generationCounter = 0;
  private readonly watchers = new Set<() => void>();

  readonly record: DownloadRecord;
  private readonly env: OperationEnv;

  constructor(record: DownloadRecord, env: OperationEnv) {
    this.record = record;
    this.env = env;
    this.bytesOnDisk = record.bytesDurable;
  }

  get id(): string {
    return this.record.id;
  }

  get state(): TransferState {
    return this.record.state;
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  // What the scheduler orders by (see Schedulable).
  get priority(): DownloadRecord['priority'] {
    return this.record.priority;
  }

  get seq(): number {
    return this.record.seq;
  }

  get group(): string | null {
    return this.record.group;
  }

  get generation(): number {
    return this.generationCounter;
  }

  /** Bytes in the data file that a reader may read now. */
  get bytesWritten(): number {
    return this.record.state === 'completed' ? (this.record.totalBytes ?? this.bytesOnDisk) : this.bytesOnDisk;
  }

  /** Called on every write and state change (for readers following the download). */
  watch(listener: () => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  private notify(): void {
    for (const listener of [...this.watchers]) listener();
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
    if (to !== 'running') this.meter.reset();
    // `announce: false` saves it without telling the hosts yet: the caller finishes first (cancel).
    this.env.changed(this, true, options.announce ?? true);
    this.notify();
  }

  snapshot(): TransferSnapshot {
    const r = this.record;
    const running = r.state === 'running';
    const bytes = this.bytesWritten;
    return {
      id: r.id,
      kind: r.kind,
      url: r.url,
      path: r.path,
      state: r.state,
      bytesTransferred: bytes,
      totalBytes: r.totalBytes,
      speed: running ? Math.round(this.meter.speed()) : 0,
      eta: running ? this.meter.eta(bytes, r.totalBytes) : null,
      group: r.group,
      priority: r.priority,
      costPolicy: r.costPolicy,
      error: r.error,
      retries: r.retries,
      history: r.history,
      createdAt: r.createdAt,
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

  /** Stops the current run (if any) and waits until it has let go of the file. */
  async interrupt(reason: Interrupted['reason']): Promise<void> {
    const running = this.running;
    this.controller?.abort(new Interrupted(reason));
    if (running) await running;
  }

  /** Forgets all progress and removes the part file (cancel, resource changed). */
  async discardProgress(): Promise<void> {
    if (this.record.path) await removeOurFile(partPathFor(this.record.path), this.record.partIdentity);
    this.forgetProgress();
  }

  /** Forgets all progress in the record; the part file is the caller's (restart removes it once saved). */
  forgetProgress(): void {
    this.record.partIdentity = null;
    this.record.bytesDurable = 0;
    this.record.totalBytes = null;
    this.record.validator = null;
    this.record.finalizing = false;
    this.bytesOnDisk = 0;
    this.generationCounter++;
    this.env.changed(this, true);
    this.notify();
  }

  /**
   * Puts back the record as it was before a command that could not be saved (see TransferService):
   * the only other place a state is set, since it undoes a change rather than making one.
   */
  restoreRecord(before: DownloadRecord): void {
    Object.assign(this.record, before);
    this.bytesOnDisk = before.bytesDurable;
    this.env.changed(this, true);
    this.notify();
  }

  noteRetry(error: TransferError): void {
    this.record.retries = [
      ...this.record.retries,
      { at: new Date().toISOString(), status: error.status, httpStatus: error.httpStatus, message: error.message },
    ].slice(-MAX_HISTORY);
  }

  private async run(signal: AbortSignal): Promise<RunOutcome> {
    const startBytes = this.bytesOnDisk;
    try {
      for (let restarts = 0; ; restarts++) {
        const result = await this.attempt(signal);
        if (result.kind === 'complete') {
          await this.finish(result);
          return { kind: 'completed' };
        }
        this.noteRetry(new TransferError('ResourceChanged', `starting over: ${result.reason}`));
        await this.discardProgress();
        if (restarts >= MAX_RESTARTS_FROM_ZERO) {
          throw new TransferError('ResourceChanged', `the file kept changing on the server (${result.reason})`);
        }
      }
    } catch (error) {
      if (signal.aborted) return { kind: 'interrupted' };
      const transferError = classifyError(error, { url: this.record.url, ...(this.record.path ? { path: this.record.path } : {}) });
      return { kind: 'failed', error: transferError, madeProgress: this.bytesOnDisk > startBytes };
    }
  }

  private async resumeOffset(): Promise<number> {
    if (!this.record.path) return 0;
    const onDisk = await fileSize(partPathFor(this.record.path));
    // Bytes past the last durable checkpoint were never vouched for: fetch them again.
    const offset = Math.min(onDisk, this.record.bytesDurable);
    this.bytesOnDisk = offset;
    return offset;
  }

  private async attempt(signal: AbortSignal): Promise<AttemptResult> {
    const settings = this.env.settings();
    const secret = this.env.secret(this.id);
    const offset = await this.resumeOffset();
    const credential = secret?.credential ? splitCredential(secret.credential) : null;
    this.meter.reset();
    this.meter.sample(offset);
    return runDownloadAttempt(downloadSourceFor(this.record.url), {
      url: this.record.url,
      headers: { ...this.record.headers, ...secret?.headers },
      credential,
      offset,
      partPath: this.record.path ? partPathFor(this.record.path) : null,
      knownTotal: this.record.totalBytes,
      validator: this.record.validator,
      connectTimeoutMs: settings.connectTimeoutMs,
      responseTimeoutMs: settings.responseTimeoutMs,
      stallTimeoutMs: settings.stallTimeoutMs,
      signal,
      dnsLookup: this.env.dnsLookup,
      preparePart: (answer) => this.acceptAnswer(answer),
      onPartOpened: (identity) => {
        this.record.partIdentity = identity;
        this.env.changed(this, false);
      },
      onWritten: (bytes) => {
        this.bytesOnDisk = bytes;
        this.meter.sample(bytes);
        this.env.changed(this, false);
        this.notify();
      },
      onDurable: (bytes) => {
        this.record.bytesDurable = bytes;
        this.env.changed(this, false);
      },
    });
  }

  private async acceptAnswer(answer: SourceAnswer): Promise<{ partPath: string; identity: DownloadRecord['partIdentity'] }> {
    const r = this.record;
    if (answer.restartReason) this.noteRetry(new TransferError('ResourceChanged', `starting over: ${answer.restartReason}`));
    if (!r.path) {
      if (r.requestedPath) r.path = r.requestedPath;
      else {
        const name = chooseFileName(answer.suggestedName, answer.finalUrl, r.url);
        r.path = uniquePath(r.dir, name, (candidate) => this.env.isPathTaken(candidate, r.id));
      }
    }
    r.validator = answer.validator;
    r.totalBytes = answer.total;
    r.decodeOnFinish = encodingToUndo(answer.contentEncoding, path.basename(r.path), answer.contentType);
    // Saved progress for another version of the file must be forgotten on disk before a byte of
    // this one lands, or a crash could resume one version with the other's bytes.
    const forgetsSavedBytes = answer.offset === 0 && r.bytesDurable > 0;
    if (answer.offset === 0) {
      if (this.bytesOnDisk > 0 || r.bytesDurable > 0) this.generationCounter++;
      r.bytesDurable = 0;
      this.bytesOnDisk = 0;
      this.meter.reset();
    }
    this.env.changed(this, true);
    // The chosen name, the validator and a restart from zero are on disk before any byte is. When
    // the state cannot be saved (its disk is full) a download that keeps its bytes goes on: its
    // checkpoints are saved once there is room, and a crash meanwhile only costs a refetch.
    try {
      await this.env.saved();
    } catch (error) {
      if (forgetsSavedBytes) throw error;
    }
    return { partPath: partPathFor(r.path), identity: r.partIdentity };
  }

  private async finish(result: Extract<AttemptResult, { kind: 'complete' }>): Promise<void> {
    const r = this.record;
    if (!r.path) throw new TransferError('Unknown', 'the download finished without a destination');
    const part = partPathFor(r.path);
    const size = await fileSize(part);
    if (result.total !== null && size !== result.total) {
      throw new TransferError('ConnectionReset', `only ${size} of ${result.total} bytes arrived`);
    }
    // What becomes the destination: the part file, or its decoded copy (see content-encoding.ts).
    const finished = r.decodeOnFinish ? await decodePartFile(part, r.decodeOnFinish).catch(async (error: unknown) => {
      // A body that does not decode is fetched again.
      await this.discardProgress();
      throw error;
    }) : { file: part, identity: r.partIdentity, size };
    if (r.checksum) {
      const expected = r.checksum.slice('sha256:'.length).toLowerCase();
      const actual = await sha256OfFile(finished.file);
      if (actual !== expected) {
        if (finished.file !== part) await removeOurFile(finished.file, finished.identity);
        await this.discardProgress();
        throw new TransferError('ChecksumMismatch', `the file's sha256 is ${actual}, not the expected ${expected}; it was deleted`);
      }
    }
    r.finalizing = true;
    r.totalBytes = finished.size;
    r.bytesDurable = size;
    this.bytesOnDisk = finished.size;
    this.env.changed(this, true);
    // A crash during the rename must find `finalizing` on disk to recognise the finished file. If
    // the state cannot be saved now, finish anyway: such a crash would only fetch the file again.
    await this.env.saved().catch(() => undefined);
    await promotePartFile(finished.file, r.path, finished.identity);
    if (finished.file !== part) {
      const encodedPart = r.partIdentity;
      r.partIdentity = finished.identity;
      this.env.changed(this, true);
      await this.env.saved().catch(() => undefined);
      await removeOurFile(part, encodedPart);
    }
    r.finalizing = false;
    r.completedAt = new Date().toISOString();
    this.transition('completed', 'all bytes arrived and were saved');
  }

  /**
   * After a crash during the final rename: the part file is gone and the destination has the
   * expected size, so the download did complete.
   */
  async recoverFinalizing(): Promise<boolean> {
    const r = this.record;
    if (!r.finalizing || !r.path) return false;
    const partSize = await fileSize(partPathFor(r.path));
    const final = await lstatOrNull(r.path);
    const ours = final !== null && (r.partIdentity ? isIdentity(final, r.partIdentity) : final.isFile());
    const finalSize = final?.size ?? 0;
    if (partSize === 0 && ours && r.totalBytes !== null && finalSize === r.totalBytes) {
      r.finalizing = false;
      r.completedAt = r.completedAt ?? new Date().toISOString();
      this.bytesOnDisk = finalSize;
      this.transition('completed', 'found complete after a restart (it was being renamed into place)');
      return true;
    }
    r.finalizing = false;
    return false;
  }
}
