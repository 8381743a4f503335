// The addresses a segmented run's connections read from: the one its first answer came from and,
// while they provably serve the same file, the download's other addresses (its mirrors). Each part
// a mirror sends is checked as any part is (http/range-answer.ts): exactly the range asked, of the
// same total, and either the same strong validator (If-Range with the first answer's) or, when the
// user gave a checksum, only the same total (the checksum is checked over the whole file at the
// end: download/same-file.ts's rule). A mirror that answers anything else serves no more parts this
// run and the record says why: never a splice. Each address has its own connection budget.
import type { SegmentSource } from '../../../shared/model.ts';
import type { DownloadSource, SourceRequest } from '../protocols/download-source.ts';
import { PartAddress } from './part-address.ts';
import { SLOW_SHARE, SLOW_WINDOW_MS, slowSources } from '../segments/slow-source.ts';

/** Another address of the file, as the download step offers it: what its parts are asked with. */
export interface MirrorOffer {
  url: string;
  /** Its place among the download's addresses (0: its url, n: its nth mirror), as the record's `source` counts. */
  index: number;
  source: DownloadSource;
  /** Its headers and login: the download's secrets only when it is on the download's own origin (sources.ts). */
  headers: Record<string, string>;
  credential: SourceRequest['credential'];
  /** Its parts are vouched for by the user's checksum: the same total is enough (same-file.ts). */
  vouched: boolean;
}

/** What the details say of one address in a segmented run (shared/model.ts). */
export type RangeAddressInfo = SegmentSource;

export class RangeAddress {
  /** The address as given (the download's url, or a mirror). */
  readonly url: string;
  readonly part: PartAddress;
  readonly source: DownloadSource;
  /** The request its parts are asked with (each connection sets its own range). */
  readonly request: SourceRequest;
  readonly mirror: boolean;
  readonly origin: string;
  /** Live connections reading from it. */
  lanes = 0;
  /** Bytes its connections received this run. */
  received = 0;
  /** Failures of its connections after their answer, one after another. */
  failures = 0;
  /** No new connection before this (it refused one: its limit). */
  notBefore = 0;
  /** The connections it took before it refused more, once it did. */
  cap: number | null;
  /** Why it serves no more parts this run, or null. */
  unused: string | null = null;
  /** Bytes and connection-milliseconds since the speed window began (see segments/slow-source.ts). */
  windowBytes = 0;
  windowLaneMs = 0;

  constructor(url: string, part: PartAddress, source: DownloadSource, request: SourceRequest, mirror: boolean, cap: number | null) {
    this.url = url;
    this.part = part;
    this.source = source;
    this.request = request;
    this.mirror = mirror;
    this.origin = new URL(part.url).origin;
    this.cap = cap;
  }

  /** A mirror of the run's request: its own address, headers and login; proved by the validator, or by the total when a checksum vouches. */
  static ofMirror(offer: MirrorOffer, request: SourceRequest, cap: number | null): RangeAddress {
    const own: SourceRequest = { ...request, url: offer.url, headers: offer.headers, credential: offer.credential, vouched: offer.vouched, givenFor: undefined };
    return new RangeAddress(offer.url, new PartAddress(offer.url, offer.url), offer.source, own, true, cap);
  }

  /** How many connections it may have now: the run's count, within the limit it showed (one more than that, as host-limits.ts says). */
  budget(allowed: number): number {
    return this.cap === null ? allowed : Math.min(allowed, this.cap);
  }

  usable(now: number): boolean {
    return this.unused === null && now >= this.notBefore;
  }

  info(): RangeAddressInfo {
    return { address: this.url, connections: this.lanes, bytes: this.received, unused: this.unused };
  }
}

/** What the addresses see of a live connection. */
interface LaneOf {
  from: RangeAddress;
  streaming: boolean;
  received: number;
  end: number;
}

/** A run's addresses: which one a new connection reads from, and which are much slower than another. */
export class RangeAddresses {
  readonly all: readonly RangeAddress[];
  readonly primary: RangeAddress;
  private windowStart: number;
  private lastTick: number;

  constructor(primary: RangeAddress, mirrors: readonly RangeAddress[], now = Date.now()) {
    this.primary = primary;
    this.all = [primary, ...mirrors];
    this.windowStart = now;
    this.lastTick = now;
  }

  /**
   * The address a new connection reads from: a usable one with room in its budget, the fewest
   * connections first (the run's own on a tie). Addresses on one server (origin) share its budget.
   */
  forNew(allowed: number, now: number): RangeAddress | null {
    let best: RangeAddress | null = null;
    for (const address of this.all) {
      if (!address.usable(now) || this.lanesAt(address.origin) >= address.budget(allowed)) continue;
      if (!best || address.lanes < best.lanes) best = address;
    }
    return best;
  }

  /** For a connection in place of one that ended: its address while usable, else the one with the fewest connections. */
  forReplacement(previous: RangeAddress, now: number): RangeAddress | null {
    if (previous.usable(now)) return previous;
    let best: RangeAddress | null = null;
    for (const address of this.all) if (address.usable(now) && (!best || address.lanes < best.lanes)) best = address;
    return best;
  }

  private lanesAt(origin: string): number {
    let lanes = 0;
    for (const address of this.all) if (address.origin === origin) lanes += address.lanes;
    return lanes;
  }

  roomFor(allowed: number, now: number): boolean {
    return this.forNew(allowed, now) !== null;
  }

  /**
   * Counts each streaming connection's time since the last call; once a window is long enough,
   * judges it (segments/slow-source.ts) and returns the addresses found much slower, now unused.
   */
  measure(lanes: Iterable<LaneOf>, now: number): RangeAddress[] {
    const elapsed = now - this.lastTick;
    this.lastTick = now;
    const left = new Map<RangeAddress, number>();
    for (const lane of lanes) {
      if (lane.streaming) lane.from.windowLaneMs += elapsed;
      left.set(lane.from, (left.get(lane.from) ?? 0) + Math.max(0, lane.end - lane.received));
    }
    if (now - this.windowStart < SLOW_WINDOW_MS) return [];
    this.windowStart = now;
    const judged = this.all.filter((a) => a.unused === null);
    const slow = slowSources(judged.map((a) => ({ bytes: a.windowBytes, laneMs: a.windowLaneMs, left: left.get(a) ?? 0 })));
    for (const address of this.all) address.windowBytes = address.windowLaneMs = 0;
    const found = judged.filter((_, i) => slow[i]);
    for (const address of found) address.unused = `much slower than another address (under ${SLOW_SHARE * 100}% of its speed per connection over ${SLOW_WINDOW_MS / 1000} s): its parts went to the faster`;
    return found;
  }

  info(): RangeAddressInfo[] {
    return this.all.map((a) => a.info());
  }
}
