// A download over several connections into one part file (segment-lane.ts each). The first
// connection is the answer that opened the run; more join as the ramp allows (segments/ramp.ts),
// each taking a part nobody owns or the far part of the connection that would finish last
// (segments/plan.ts). A range is durable only once a sync covered it (storage/sync-gate.ts), and
// only durable ranges reach the record. A server refusing an extra connection is at its limit, not
// failing: the others go on, and its limit is remembered (segments/host-limits.ts). Mirrors that
// provably serve the same file take parts too, each within its own budget (range-addresses.ts); a
// mirror that answers otherwise, keeps failing, or is much slower than another address serves no
// more parts this run (segments/slow-source.ts), and its unfinished parts go to the others.
import type { Readable } from 'node:stream';
import { TransferError } from '../errors/transfer-error.ts';
import { isRetryable } from '../errors/error-classify.ts';
import type { RangeSet } from '../storage/range-set.ts';
import { SyncGate } from '../storage/sync-gate.ts';
import { nextWork, type Work } from '../segments/plan.ts';
import { ConnectionRamp, windowMs } from '../segments/ramp.ts';
import { cpuShare } from '../segments/cpu-share.ts';
import type { HostLimits } from '../segments/host-limits.ts';
import { wantedWork, type WantedOffsets } from '../segments/wanted.ts';
import { ALONE_BUFFER_BYTES, RangeRefused, SegmentLane, type LaneShared } from './segment-lane.ts';
import { RangeAddress, RangeAddresses, type MirrorOffer, type RangeAddressInfo } from './range-addresses.ts';
import { hideUrlPassword } from '../../../shared/url-password.ts';
import { transfersOwnFailure } from './sources.ts';

/** Failures of connections after their answer, one after another, before the run gives up. */
const MAX_LANE_FAILURES = 5;
/** A connection in place of one that finished and is refused: tried again this much later (times the refusals so far), a few times. */
const REPLACEMENT_WAIT_MS = 500;
const MAX_REPLACEMENT_REFUSALS = 3;
/** After a refusal, no new connection before this (or the server's Retry-After, if longer). */
const REFUSAL_WAIT_MS = 60_000;
/** How often the ramp looks at the connections: a window ends at most this late (50 ms cost its first steps ~25 ms each). */
const TICK_MS = 25;
/** No new connection for the last few percent, or the last second: it would cost more than it brings. */
const TAIL_SHARE = 0.03;
const TAIL_SECONDS = 1;
/** A mirror whose connections break this many times after their answer serves no more parts this run. */
const MAX_MIRROR_FAILURES = 3;

export interface SegmentedInput extends Omit<LaneShared, 'gate' | 'written' | 'durable' | 'held' | 'answered' | 'streams'> {
  /** The first connection's answer, open at `start`, for [start, end). */
  first: { body: Readable; start: number; end: number };
  durable: RangeSet;
  /** The user's fixed count, or null: as many as help, up to `max`. */
  fixed: number | null;
  max: number;
  hosts: HostLimits;
  /** Where readers wait: a connection starts there when none is about to reach it. */
  wanted: WantedOffsets;
  /** The origin of the first answer (its final URL): its remembered limit bounds the ramp. */
  host: string;
  datasync(): Promise<void>;
  /** Bytes in the file now (durable, and written since), for progress. */
  onWritten(bytes: number): void;
  onDurable(durable: RangeSet): void;
  onConnections(count: number): void;
  /** The server refused more than this many connections (not an error: its limit). */
  onServerLimit(connections: number): void;
  /** The download's other addresses, which may serve parts while they prove the same file. */
  mirrors: readonly MirrorOffer[];
  /** A mirror serves no more parts, and why (kept in the record's history). */
  onMirrorUnused(error: TransferError): void;
  /** What the details show of each address (called once; the getter stays valid after the run). */
  onAddresses(view: () => RangeAddressInfo[]): void;
}

/** `oneConnection`: the server answered a part other than the one asked; the next try does not split. */
export type SegmentedResult = { kind: 'complete' } | { kind: 'retryFromZero'; reason: string; oneConnection?: boolean };

export function runSegmented(input: SegmentedInput): Promise<SegmentedResult> {
  return new SegmentedRun(input).run();
}

class SegmentedRun {
  private readonly lanes = new Set<SegmentLane>();
  private readonly running: Array<Promise<void>> = [];
  private readonly ramp: ConnectionRamp;
  private readonly shared: LaneShared;
  private readonly gate: SyncGate;
  private readonly input: SegmentedInput;
  private failures = 0;
  private noNewBefore = 0;
  private probeLater = false;
  /** Connections started in place of one that finished, while they wait for their answer. */
  private readonly replacements = new Set<SegmentLane>();
  private replacementRefusals = 0;
  private stopped = false;
  /** Where connections read from: the first answer's address, then the mirrors. */
  private readonly addresses: RangeAddresses;
  private heldInWindow = false;
  private windowStart = Date.now();
  private windowBytes = 0;
  /** The process's CPU time when the window began (see WindowFacts.busy). */
  private windowCpu = process.cpuUsage();
  /** Bytes per second over the last window. */
  private lastSpeed = 0;
  /** The longest wait for an answer seen (a round trip and the server's think time). */
  private answerWaitMs: number | null = null;
  private settle: { resolve(result: SegmentedResult): void; reject(error: unknown): void } | null = null;

  constructor(input: SegmentedInput) {
    this.input = input;
    const remembered = input.hosts.capOf(input.host);
    // A remembered limit is tried once more than it was: it may have been a busy moment.
    const max = remembered === null ? input.max : Math.min(input.max, remembered + 1);
    this.ramp = new ConnectionRamp({ fixed: input.fixed, max });
    this.gate = new SyncGate(() => input.datasync());
    const primary = new RangeAddress(input.request.url, input.address, input.source, input.request, false, null);
    const mirrors = input.mirrors.map((offer) => {
      const cap = input.hosts.capOf(new URL(offer.url).origin);
      return RangeAddress.ofMirror(offer, input.request, cap === null ? null : cap + 1);
    });
    this.addresses = new RangeAddresses(primary, mirrors);
    input.onAddresses(() => this.addresses.info());
    this.shared = {
      ...input,
      gate: this.gate,
      written: () => this.reportWritten(),
      durable: (start, end) => {
        input.durable.add(start, end);
        input.onDurable(input.durable);
      },
      held: (on) => {
        if (on) this.heldInWindow = true;
      },
      answered: (ms) => {
        this.answerWaitMs = Math.max(this.answerWaitMs ?? 0, ms);
      },
      streams: () => this.laneStreams(),
    };
  }

  async run(): Promise<SegmentedResult> {
    const { first } = this.input;
    const done = new Promise<SegmentedResult>((resolve, reject) => (this.settle = { resolve, reject }));
    const timer = setInterval(() => this.tick(), TICK_MS);
    const onAbort = (): void => this.fail(this.input.request.signal.reason);
    this.input.request.signal.addEventListener('abort', onAbort, { once: true });
    this.input.wanted.onWanted(() => this.fill());
    try {
      this.start({ start: first.start, end: first.end, victim: null }, first.body, false, this.addresses.primary).origin = this.input.host;
      this.fill();
      return await done;
    } finally {
      clearInterval(timer);
      this.input.wanted.onWanted(null);
      this.input.request.signal.removeEventListener('abort', onAbort);
      for (const lane of this.lanes) lane.stop(new Error('the download stopped'));
      // Nothing may write into the file once the caller goes on (renames it, opens it again).
      await Promise.allSettled(this.running);
      this.gate.close();
    }
  }

  private get bytesReceived(): number {
    let moving = 0;
    for (const lane of this.lanes) moving += lane.received - lane.durableTo;
    return this.input.durable.bytes + moving;
  }

  private reportWritten(): void {
    let unsynced = 0;
    for (const lane of this.lanes) unsynced += lane.writtenTo - lane.durableTo;
    this.input.onWritten(this.input.durable.bytes + unsynced);
  }

  /** Close to the end: the last few percent, or less than a second's worth at the last window's speed. */
  private inTail(): boolean {
    const left = this.input.total - this.bytesReceived;
    return left < this.input.total * TAIL_SHARE || left < this.lastSpeed * TAIL_SECONDS;
  }

  /** Work where a reader waits and no connection will be soon, if any. */
  private readerWork(): Work | null {
    return wantedWork(this.input.wanted.offsets(), this.input.durable, [...this.lanes], this.input.total);
  }

  /**
   * Adds connections up to the number allowed, each with work of its own; one more, up to the
   * server's limit, for a reader waiting where no connection will be soon.
   */
  private fill(): void {
    if (this.stopped) return;
    const now = Date.now();
    for (let work = this.readerWork(); work; work = this.readerWork()) {
      const from = this.addresses.forNew(this.ramp.ceiling, now);
      if (!from) break;
      this.start(work, null, false, from);
    }
    while (!this.inTail()) {
      const from = this.addresses.forNew(this.ramp.allowed, now);
      if (!from) break;
      const work = nextWork(this.input.durable, [...this.lanes], this.input.total, null);
      if (!work) break;
      this.start(work, null, false, from);
    }
    this.input.onConnections(this.lanes.size);
  }

  /** `replaces`: it takes the place of one that finished (the count stays), not one more. */
  private start(work: Work, body: Readable | null, replaces: boolean, from: RangeAddress): SegmentLane {
    // A part taken from another connection is cut from it only once the server answers (claim).
    const lane = new SegmentLane(work.start, work.end, work.victim as SegmentLane | null, from);
    if (replaces) this.replacements.add(lane);
    this.lanes.add(lane);
    const running = lane.run(this.shared, body, this.ramp.allowed === 1 ? ALONE_BUFFER_BYTES : undefined).then(
      () => this.laneDone(lane),
      (error: unknown) => this.laneFailed(lane, error),
    );
    this.running.push(running);
    return lane;
  }

  /**
   * A connection's answer came: the window starts now if every allowed connection streams (not at
   * the next tick), and a connection waiting for a part to split may take one of its part now.
   */
  private laneStreams(): void {
    if (this.stopped) return;
    if (this.streamingCount() >= this.ramp.allowed) this.startWindow(Date.now(), this.bytesReceived);
    if (this.addresses.roomFor(this.ramp.allowed, Date.now())) this.fill();
  }

  private streamingCount(): number {
    let streaming = 0;
    for (const lane of this.lanes) if (lane.streaming) streaming++;
    return streaming;
  }

  private startWindow(now: number, received: number): void {
    this.windowStart = now;
    this.windowBytes = received;
    this.windowCpu = process.cpuUsage();
    this.heldInWindow = false;
  }

  private laneDone(lane: SegmentLane): void {
    this.lanes.delete(lane);
    this.replacements.delete(lane);
    this.failures = 0;
    if (this.stopped) return;
    // A free connection goes where a reader waits, else takes what nobody owns, or helps the one
    // that would finish last.
    const work = this.readerWork() ?? nextWork(this.input.durable, [...this.lanes], this.input.total, { speed: lane.speed, answerWaitMs: this.answerWaitMs });
    const from = this.addresses.forReplacement(lane.from, Date.now());
    if (work && from) this.start(work, null, true, from);
    this.fill();
    this.finishIfDone();
  }

  private laneFailed(lane: SegmentLane, error: unknown): void {
    this.lanes.delete(lane);
    if (this.stopped) return;
    if (this.input.request.signal.aborted) return this.fail(this.input.request.signal.reason ?? error);
    // Stopped by the run (its address is much slower): its part goes to the others.
    if (lane.halted) return this.givenBack();
    // The disk, the request, the proxy: the run's own failure, whichever address the connection read from.
    if (transfersOwnFailure(error as TransferError)) return this.fail(error);
    if (lane.from.unused !== null) return this.givenBack();
    if (lane.from.mirror) return this.mirrorFailed(lane, error);
    if (error instanceof RangeRefused && (error.refusal === 'changed' || error.refusal === 'misplaced')) {
      // Never a splice: another version, or a server that sends other bytes than the part asked.
      this.finish(error.refusal === 'changed' ? { kind: 'retryFromZero', reason: error.message } : { kind: 'retryFromZero', reason: error.message, oneConnection: true });
      return;
    }
    if (error instanceof RangeRefused && error.refusal === 'expired') {
      // What streams goes on; what is missing at the end is the next attempt's, through the given address.
      lane.from.unused = `its address expired: ${error.message}`;
      return this.givenBack();
    }
    const others = [...this.lanes].filter((l) => l.streaming && l.from === lane.from).length;
    const transferError = error as TransferError;
    const refused = !lane.streaming && this.lanes.size > 0 && (error instanceof RangeRefused || isRetryable(transferError) || transferError.status === 'Forbidden');
    if (refused && this.replacements.delete(lane) && this.replacementRefusals++ < MAX_REPLACEMENT_REFUSALS) {
      // In place of one that just closed, which the server may still count for a moment: not a
      // sign of a lower limit. Its part stays where it was; a connection is tried again soon.
      setTimeout(() => this.fill(), REPLACEMENT_WAIT_MS * this.replacementRefusals).unref();
      this.finishIfDone();
      return;
    }
    if (refused) {
      // The server's limit: keep what streams, remember it, and try one more only after a while.
      const allowed = this.ramp.refused(Math.max(1, others));
      // Remembered for the server that refused (after redirects: the limit is its own), as the
      // connections it was serving: a redirect or a renewed address may have led elsewhere.
      const origin = transferError.answeredBy ?? lane.askedOrigin ?? this.input.host;
      const served = [...this.lanes].filter((l) => l.streaming && l.origin === origin).length;
      this.input.hosts.learn(origin, Math.max(1, served));
      this.noNewBefore = Date.now() + Math.max(REFUSAL_WAIT_MS, transferError.retryAfterMs ?? 0);
      lane.from.notBefore = this.noNewBefore;
      this.probeLater = this.input.fixed === null;
      this.input.onServerLimit(allowed);
      this.input.onConnections(this.lanes.size);
      this.finishIfDone();
      return;
    }
    if (!isRetryable(transferError) || ++this.failures > MAX_LANE_FAILURES || (this.lanes.size === 0 && !lane.streaming)) {
      return this.fail(error);
    }
    // A connection broke after its answer: its part (what is not durable) goes to the next one.
    this.fill();
    this.finishIfDone();
  }

  /** A connection's part goes back to the others (its address serves no more parts, or it broke): new ones take it. */
  private givenBack(): void {
    this.fill();
    this.finishIfDone();
  }

  /**
   * A mirror's connection failed. Another file (another validator or length), a part other than the
   * one asked, a whole answer, or a failure not worth retrying: the mirror serves no more parts, and
   * the record says why. Refused before its answer (503, 429, a refused connection): its limit, as
   * for the run's own server. Broken after its answer: its part goes back; a few in a row and the
   * mirror is left out. The run itself never fails for a mirror.
   */
  private mirrorFailed(lane: SegmentLane, error: unknown): void {
    const from = lane.from;
    const transferError = error as TransferError;
    const why = (reason: string): void => {
      from.unused = reason;
      this.input.onMirrorUnused(new TransferError(transferError.status ?? 'Unknown', `${hideUrlPassword(from.url)} serves no parts of this download: ${reason}`, { httpStatus: transferError.httpStatus ?? null }));
    };
    if (error instanceof RangeRefused) why(error.refusal === 'limit' ? 'it sent the whole file instead of a part' : error.refusal === 'changed' ? `it holds another version of the file (${error.message})` : error.message);
    else if (!isRetryable(transferError) && transferError.status !== 'Forbidden') why(transferError.message ?? String(error));
    else if (!lane.streaming) {
      const served = [...this.lanes].filter((l) => l.streaming && l.from === from).length;
      if (served > 0) {
        from.cap = served;
        this.input.hosts.learn(from.origin, served);
      }
      from.notBefore = Date.now() + Math.max(REFUSAL_WAIT_MS, transferError.retryAfterMs ?? 0);
    } else if (++from.failures >= MAX_MIRROR_FAILURES) why(`its connections broke ${from.failures} times (${transferError.message})`);
    this.givenBack();
  }

  /** Every connection ended: complete, or what is missing is fetched by the next attempt. */
  private finishIfDone(): void {
    if (this.lanes.size > 0) return;
    if (this.input.durable.isComplete(this.input.total)) this.finish({ kind: 'complete' });
    else {
      const work = nextWork(this.input.durable, [], this.input.total, null);
      const from = this.addresses.forNew(this.ramp.allowed, Date.now());
      if (work && from) this.start(work, null, false, from);
      else this.fail(new TransferError('ConnectionReset', `${this.input.total - this.input.durable.bytes} bytes of the file are still missing`));
    }
  }

  /** A window is measured only while every connection allowed streams, and judged once it is long enough. */
  private tick(): void {
    if (this.stopped) return;
    const now = Date.now();
    // An address much slower than another: its connections stop, their parts go to the others.
    for (const slow of this.addresses.measure(this.lanes, now)) for (const lane of this.lanes) if (lane.from === slow) lane.stop(new Error(slow.unused ?? 'much slower'));
    // New connections wait for a part to take: one split at a time per connection (see claim).
    if (this.addresses.roomFor(this.ramp.allowed, now)) this.fill();
    const received = this.bytesReceived;
    const streaming = this.streamingCount();
    if (streaming < this.ramp.allowed && !this.inTail()) {
      this.startWindow(now, received);
      if (this.probeLater && now >= this.noNewBefore) this.endWindow(now, received, streaming);
      return;
    }
    if (now - this.windowStart >= windowMs(this.answerWaitMs)) this.endWindow(now, received, streaming);
  }

  private endWindow(now: number, received: number, streaming: number): void {
    const seconds = (now - this.windowStart) / 1000;
    const bytesPerSec = seconds > 0 ? (received - this.windowBytes) / seconds : 0;
    if (bytesPerSec > 0) this.lastSpeed = bytesPerSec;
    const busy = cpuShare(this.windowCpu, now - this.windowStart);
    this.ramp.window({ bytesPerSec, busy, allStreaming: streaming >= this.ramp.allowed, throttled: this.heldInWindow, tail: this.inTail() });
    if (this.probeLater && now >= this.noNewBefore) {
      this.probeLater = false;
      this.ramp.probe();
    }
    this.startWindow(now, received);
    this.fill();
  }

  private finish(result: SegmentedResult): void {
    if (this.stopped) return;
    this.stopped = true;
    this.settle?.resolve(result);
  }

  private fail(error: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const lane of this.lanes) lane.stop(error);
    this.settle?.reject(error);
  }
}

