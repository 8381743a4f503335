// A download on one connection with other addresses (a segmented run moves parts instead: see
// range-addresses.ts): when the address in use is much slower than another, by the rule of
// segments/slow-source.ts, the download moves to that one and continues the bytes on disk. An
// address is never judged faster unmeasured: after each window of SLOW_WINDOW_MS the next other
// address is asked for one part ahead (PROBE_BYTES, thrown away), proving the same file as a
// continuation must (same-file.ts: If-Range with the validator held, or the same total when the
// user's checksum vouches) and timed from the request to its last byte. Only an address that
// proved it may continue the bytes is switched to: never a start over for speed. Not judged while a
// speed limit holds the download back (its speed says nothing of the server), nor when the rest
// would arrive within PROBE_WORTH_MS at the speed in use (a probe is then traffic thrown away for a
// few seconds at best). Each other address is probed once per attempt, so a long download pays one
// probe per mirror, not one per window.
import type { SourceAnswer, SourceRequest } from '../protocols/download-source.ts';
import { TransferError } from '../errors/transfer-error.ts';
import type { DownloadRecord, TransferSecret } from '../state/records.ts';
import { hideUrlPassword } from '../../../shared/url-password.ts';
import { addressInUse, mirrorOffers } from './sources.ts';
import type { Pacer } from '../pipe/token-bucket.ts';
import { alignUp } from '../segments/plan.ts';
import { muchSlower, SLOW_MIN_LEFT, SLOW_WINDOW_MS } from '../segments/slow-source.ts';
import type { MirrorOffer } from './range-addresses.ts';

/** How much a probe asks for: enough to see a speed past the answer's wait, little to throw away. */
export const PROBE_BYTES = 512 * 1024;
/**
 * No probe when the rest would arrive sooner than this at the speed in use: a switch saves at most
 * 3/4 of that time, less the probe's own and a new connection's start, for PROBE_BYTES more traffic
 * (at 1 MB/s: with under 30 MB left, 1.7% or more of the rest for under 22 s saved).
 */
export const PROBE_WORTH_MS = 3 * SLOW_WINDOW_MS;

/** The abort reason of an attempt left for a faster address. */
export class SwitchForSpeed extends Error {
  /** Its index among the download's addresses (0: the url, n: the nth mirror). */
  readonly source: number;

  constructor(source: number, message: string) {
    super(message);
    this.source = source;
  }

  /** Moves the record to the faster address: the next attempt asks it, from the bytes on disk (same-file.ts). What the retries keep. */
  moveTo(record: DownloadRecord): TransferError {
    const left = addressInUse(record);
    record.source = this.source;
    record.newAddress = true;
    return new TransferError('Timeout', `${hideUrlPassword(left)} is ${this.message}`);
  }
}

export interface SpeedSwitchInput {
  /** The other addresses. */
  others: MirrorOffer[];
  /** The request of the attempt with its answer's facts and total, which a probe proves as a continuation would. */
  request: SourceRequest;
  total: number;
}

/**
 * Watches one attempt on one connection (see above): `signal` is the attempt's, aborted with a
 * SwitchForSpeed once a measured address is much faster; it watches once armed with the answer.
 */
export class SpeedSwitch {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly pacer: Pacer;
  private readonly position: () => number;
  private input: SpeedSwitchInput | null = null;
  private timer: NodeJS.Timeout | null = null;
  private windowStart = Date.now();
  private windowBytes = 0;
  private next = 0;
  private probing = false;
  private heldInWindow = false;

  /** `position`: the bytes on disk now. */
  constructor(signal: AbortSignal, pacer: Pacer, position: () => number) {
    this.signal = AbortSignal.any([signal, this.controller.signal]);
    this.pacer = pacer;
    this.position = position;
  }

  /** Arms it for a download on one connection with other addresses, once its answer says the total. */
  async armFor(record: DownloadRecord, secret: TransferSecret | undefined, request: SourceRequest, answer: SourceAnswer): Promise<void> {
    if (answer.total === null || record.mirrors.length === 0) return;
    this.arm({ others: await mirrorOffers(record, secret), request: { ...request, facts: answer.facts, knownTotal: answer.total }, total: answer.total });
  }

  private arm(input: SpeedSwitchInput): void {
    if (input.others.length === 0) return;
    this.input = input;
    this.windowStart = Date.now();
    this.windowBytes = this.position();
    this.timer = setInterval(() => this.tick(), 250);
    this.timer.unref();
  }

  /** The attempt's result, or the SwitchForSpeed it was stopped with; it watches no more once the attempt ends. */
  async watch<T>(attempt: Promise<T>): Promise<T | SwitchForSpeed> {
    try {
      return await attempt;
    } catch (error) {
      if (error instanceof SwitchForSpeed && this.controller.signal.aborted) return error;
      throw error;
    } finally {
      if (this.timer) clearInterval(this.timer);
    }
  }

  private tick(): void {
    const input = this.input;
    if (!input) return;
    if (this.pacer.limited()) this.heldInWindow = true;
    const now = Date.now();
    if (this.probing || now - this.windowStart < SLOW_WINDOW_MS || this.next >= input.others.length) return;
    const position = this.position();
    const window = { bytes: position - this.windowBytes, ms: now - this.windowStart };
    const held = this.heldInWindow;
    this.windowStart = now;
    this.windowBytes = position;
    this.heldInWindow = false;
    const speed = (m: { bytes: number; ms: number }) => (m.bytes * 1000) / m.ms;
    const left = input.total - position;
    if (held || left < SLOW_MIN_LEFT + PROBE_BYTES || left * 1000 < speed(window) * PROBE_WORTH_MS) return;
    const other = input.others[this.next++]!;
    this.probing = true;
    void this.probe(input, other, position)
      .then((measured) => {
        if (!measured || this.signal.aborted || !muchSlower(speed(window), speed(measured))) return;
        const kib = (m: { bytes: number; ms: number }) => Math.round(speed(m) / 1024);
        this.controller.abort(new SwitchForSpeed(other.index, `much slower than ${other.url} (${kib(window)} KiB/s against ${kib(measured)} KiB/s measured there): continuing the bytes on disk from it`));
      })
      .finally(() => {
        this.probing = false;
      });
  }

  /** Asks `other` for one part ahead of `position` as a continuation would; its bytes and time, or null when it did not prove the same file. */
  private async probe(input: SpeedSwitchInput, other: MirrorOffer, position: number): Promise<{ bytes: number; ms: number } | null> {
    const { request, total } = input;
    const start = Math.min(alignUp(position + SLOW_MIN_LEFT), total - PROBE_BYTES);
    const asked = Date.now();
    const probe = new AbortController();
    const signal = AbortSignal.any([request.signal, probe.signal]);
    try {
      const opening = await other.source.open({ ...request, url: other.url, headers: other.headers, credential: other.credential, vouched: other.vouched, givenFor: undefined, segmented: true, offset: start, end: start + PROBE_BYTES - 1, knownTotal: total, signal });
      if (opening.kind !== 'body') return null;
      if (opening.answer.offset !== start || opening.answer.total !== total || opening.answer.restartReason !== null) {
        opening.body.destroy();
        return null;
      }
      let bytes = 0;
      for await (const chunk of opening.body) bytes += (chunk as Buffer).length;
      return bytes === PROBE_BYTES ? { bytes, ms: Math.max(1, Date.now() - asked) } : null;
    } catch {
      return null;
    } finally {
      probe.abort();
    }
  }
}
