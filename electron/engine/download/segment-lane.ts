// One connection of a segmented download: fetch [start, end) of the resource (the end may come
// closer while it runs: another connection took the far part) and write it into the shared part
// file at its place, through its own writer, flushed through the file's one sync gate.
import type { Readable } from 'node:stream';
import { TransferError } from '../errors/transfer-error.ts';
import { classifyError } from '../errors/error-classify.ts';
import { openPartFile, type FileIdentity, type PartFile } from '../storage/part-file.ts';
import { PartFileWriter } from '../storage/part-file-writer.ts';
import type { SyncGate } from '../storage/sync-gate.ts';
import type { DownloadSource, SourceOpening, SourceRequest } from '../protocols/download-source.ts';
import { ExpiredAgain, type PartAddress } from './part-address.ts';
import { hideUrlPassword } from '../../../shared/url-password.ts';
import { FlowWatchdog, type FlowLimits } from '../pipe/flow-watchdog.ts';
import type { Pacer } from '../pipe/token-bucket.ts';
import { SpeedMeter } from '../pipe/speed-meter.ts';
import type { LaneView } from '../segments/plan.ts';
import { sameVersion } from '../protocols/protocol-facts.ts';
import { pump } from './download-attempt.ts';
import type { RangeAddress } from './range-addresses.ts';

/**
 * What a connection may hold for the disk before its socket waits: less than one alone (1 MiB),
 * as up to 64 share the memory, each receiving a share of the speed (each writer keeps a ring of
 * four times this with direct writes, see placed-writes.ts, three otherwise, chunk-ring.ts:
 * 16 connections hold 12-16 MiB).
 */
const LANE_BUFFER_BYTES = 256 * 1024;
/**
 * A connection started while it is the only one allowed holds what a download on one connection
 * holds: with 256 KiB its batches fell under direct I/O's minimum and went through the page cache
 * in smaller writes (1 GiB on one lane: ~0.6 s more CPU than `--connections 1`, HTTP and FTP alike).
 */
export const ALONE_BUFFER_BYTES = 1024 * 1024;

/** What every connection of one download shares. */
export interface LaneShared {
  source: DownloadSource;
  /** The request of the download; each lane asks for its own range of it, at `address`. */
  request: SourceRequest;
  address: PartAddress;
  partPath: string;
  identity: FileIdentity;
  total: number;
  gate: SyncGate;
  flow: FlowLimits;
  pacer: Pacer;
  written(): void;
  durable(start: number, end: number): void;
  held(held: boolean): void;
  /** How long a connection waited for its answer. */
  answered(ms: number): void;
  /** A connection's answer was taken and its bytes flow (its part is cut from the one it splits). */
  streams(): void;
}

/**
 * Why a lane's answer is not written: the server's `limit` (a whole answer of the same file: others
 * go on); another version (`changed`: start over); the same file but not the part asked
 * (`misplaced`: start over, on one connection); its address `expired` and could not be renewed
 * (no more connections this run).
 */
export type Refusal = 'limit' | 'changed' | 'misplaced' | 'expired';

/** Thrown when a lane's answer is not exactly its range of the same version: nothing of it is written. */
export class RangeRefused extends TransferError {
  readonly refusal: Refusal;

  constructor(message: string, refusal: Refusal, answeredBy: string | null = null) {
    super(refusal === 'changed' || refusal === 'misplaced' ? 'ResourceChanged' : 'ServiceUnavailable', message, { answeredBy });
    this.refusal = refusal;
  }
}

export class SegmentLane implements LaneView {
  start: number;
  end: number;
  received: number;
  /** Written into the file; durable up to here (each from `start`). */
  writtenTo: number;
  durableTo: number;
  /** Its answer came and bytes flow. */
  streaming = false;
  /** The origin its bytes come from (its answer's final URL), once they flow. */
  origin: string | null = null;
  /** The origin of the address it asked last: the server that refused it, when no answer says. */
  askedOrigin: string | null = null;
  /** The address it reads from (the run's own, or a mirror). */
  readonly from: RangeAddress;
  private readonly requestEnd: number;
  /** The connection whose far part this one takes once its answer comes (see claim). */
  private victim: SegmentLane | null;
  /** Waiting for its answer, or another waits to take its far part. */
  busy: boolean;
  private readonly meter = new SpeedMeter(3000);
  private readonly abort = new AbortController();
  private body: Readable | null = null;

  constructor(start: number, end: number, victim: SegmentLane | null, from: RangeAddress) {
    this.from = from;
    from.lanes++;
    this.victim = victim;
    this.busy = true;
    if (victim) victim.busy = true;
    this.start = start;
    this.end = end;
    this.requestEnd = end;
    this.received = start;
    this.writtenTo = start;
    this.durableTo = start;
  }

  get speed(): number {
    return this.meter.speed();
  }

  /** It was stopped (see stop): how it then fails says nothing of its server. */
  halted = false;

  /** Stops it: its body is closed and what it wrote is flushed before run() settles. */
  stop(reason: unknown): void {
    this.halted = true;
    this.abort.abort(reason);
    // With an error: pump waits for 'end' or 'error', and a body closed without one sends neither.
    this.body?.destroy(reason instanceof Error ? reason : new Error(String(reason)));
  }

  /** Fetches and writes its range; `body`: an answer already open at `start` (the first connection's). */
  async run(shared: LaneShared, body: Readable | null, bufferBytes = LANE_BUFFER_BYTES): Promise<void> {
    const signal = AbortSignal.any([shared.request.signal, this.abort.signal]);
    let part: PartFile | null = null;
    let writer: PartFileWriter | null = null;
    let dog: FlowWatchdog | null = null;
    try {
      const stream = body ?? (await this.open(shared, signal));
      this.body = stream;
      this.meter.sample(0);
      if (signal.aborted) throw signal.reason;
      if (!this.claim()) return;
      // Answered: the server takes this connection (what counts when another is refused).
      this.streaming = true;
      shared.streams();
      part = await openPartFile(shared.partPath, this.start, shared.identity, this.end - this.start, { size: shared.total });
      const watchdog = new FlowWatchdog(shared.flow, 'download', (error) => stream.destroy(error));
      dog = watchdog;
      const onWritten = (position: number): void => {
        watchdog.touch();
        this.writtenTo = position;
        shared.written();
      };
      const onDurable = (position: number): void => {
        this.durableTo = position;
        shared.durable(this.start, position);
      };
      writer = new PartFileWriter(part, this.start, onWritten, onDurable, undefined, (urgent) => shared.gate.sync(urgent), bufferBytes);
      stream.on('data', (chunk: Buffer) => {
        watchdog.moved(chunk.length);
      });
      const held = (on: boolean): void => {
        if (on) watchdog.hold();
        else watchdog.release();
        shared.held(on);
      };
      await pump(stream, writer, { pacer: shared.pacer, held }, {
        wanted: () => this.end - this.received,
        took: (bytes) => {
          this.received += bytes;
          this.from.received += bytes;
          this.from.windowBytes += bytes;
          this.meter.sample(this.received - this.start);
        },
        endsThere: () => this.end === this.requestEnd,
      });
      if (this.received < this.end) {
        throw new TransferError('ConnectionReset', `the connection ended after ${this.received - this.start} of ${this.end - this.start} bytes of its part`);
      }
    } catch (error) {
      if (shared.request.signal.aborted) throw shared.request.signal.reason ?? error;
      throw error instanceof RangeRefused ? error : classifyError(error, { url: this.from.url, path: shared.partPath });
    } finally {
      this.from.lanes--;
      this.release();
      dog?.stop();
      if (this.body && !this.body.destroyed) this.body.destroy();
      await writer?.idle();
      if (writer && !writer.writableFinished) await writer.sync().catch(() => undefined);
      try {
        part?.close();
      } catch {
        // Every byte that counts was synced above.
      }
    }
  }

  /**
   * Takes its part from the connection it splits, now that the server answered: a refusal then
   * costs that one nothing (it was not cut short, its socket kept). False, with nothing to do, when
   * that one already passed the split point.
   */
  private claim(): boolean {
    const victim = this.victim;
    this.release();
    if (!victim) return true;
    if (victim.received <= this.start && victim.end > this.start) {
      this.end = Math.min(this.end, victim.end);
      victim.end = this.start;
      return true;
    }
    this.end = this.start;
    return false;
  }

  private release(): void {
    this.busy = false;
    if (this.victim) this.victim.busy = false;
    this.victim = null;
  }

  private async open(shared: LaneShared, signal: AbortSignal): Promise<Readable> {
    const asked = Date.now();
    const from = this.from;
    const part = (url: string): Promise<SourceOpening> => {
      this.askedOrigin = new URL(url).origin;
      return from.source.open({ ...from.request, url, givenFor: from.part.given, segmented: true, offset: this.start, end: this.end - 1, knownTotal: shared.total, signal });
    };
    try {
      const body = await from.part.open(part, (opening) => this.accept(shared, opening));
      shared.answered(Date.now() - asked);
      return body;
    } catch (error) {
      if (error instanceof ExpiredAgain) throw new RangeRefused(`${error.message}, also after asking ${hideUrlPassword(from.part.given)} again`, 'expired');
      throw error;
    }
  }

  /** The body, when the answer is exactly this part of the same version (the source checked the 206: range-answer.ts). */
  private accept(shared: LaneShared, opening: SourceOpening): Readable {
    if (opening.kind === 'retryFromZero') throw new RangeRefused(opening.reason, opening.misplaced ? 'misplaced' : 'changed');
    if (opening.kind !== 'body') throw new RangeRefused('the server did not send the part asked for', 'misplaced');
    const { answer, body } = opening;
    if (answer.offset !== this.start || answer.total !== shared.total || answer.restartReason !== null) {
      body.destroy();
      // A whole answer of the version held is the server's limit; of any other, a change.
      const changed = !sameVersion({ facts: shared.request.facts, total: shared.total }, { facts: answer.facts, total: answer.total });
      throw new RangeRefused(changed ? 'the file on the server changed' : 'the server sent the whole file instead of a part', changed ? 'changed' : 'limit', new URL(answer.finalUrl).origin);
    }
    this.origin = new URL(answer.finalUrl).origin;
    return body;
  }
}
