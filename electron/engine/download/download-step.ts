// A download's work in a run (the lifecycle around it is operation/operation.ts): open the
// protocol's source at the bytes on disk, write its body into the part file (download-attempt.ts),
// start over when the file changed on the server, and finish: decode, verify, rename into place.
import path from 'node:path';
import type { TransferState } from '../../../shared/model.ts';
import { TransferError } from '../errors/transfer-error.ts';
import { runDownloadAttempt, type AttemptInput, type AttemptResult, type SegmentsPlan } from './download-attempt.ts';
import { SpeedSwitch, SwitchForSpeed } from './speed-switch.ts';
import { RangeSet } from '../storage/range-set.ts';
import type { SourceAnswer } from '../protocols/download-source.ts';
import { downloadSourceFor } from '../protocols/registry.ts';
import { existsNoFollow, fileSize, isIdentity, lstatOrNull, partPathFor, promotePartFile, removeOurFile, removeTransferFiles } from '../storage/part-file.ts';
import { verifyDigest, type DigestSource } from './verify-digest.ts';
import { decodePartFile, encodingToUndo } from '../protocols/http/content-encoding.ts';
import { transferProxy } from '../proxy/choose-proxy.ts';
import { transferSession, type HttpSession } from '../protocols/http/auth/http-session.ts';
import { chooseFileName, uniquePath } from '../intake/file-name.ts';
import { assertWritableDir } from '../intake/download-request.ts';
import { expandHome } from '../intake/transfer-request.ts';
import { categoryOf } from '../../../shared/categories.ts';
import type { DownloadRecord } from '../state/records.ts';
import type { AfterFailure, OperationStep, Reattachment, StepContext, StepDescription } from '../operation/step.ts';
import { addressInUse, addressSecrets, mirrorInUse, mirrorOffers, SourceFailures } from './sources.ts';
import type { RangeAddressInfo } from './range-addresses.ts';
import { vouchedByChecksum } from './same-file.ts';
import { flowLimits } from '../pipe/flow-watchdog.ts';

/** Below this, fetching a file again after a crash in its final rename costs less than waiting to prevent it. */
const REFETCH_IS_CHEAP_BYTES = 16 * 1024 * 1024;
/** Smaller files are fetched over one connection: a second would not pay for its request. */
const MIN_SEGMENTED_BYTES = 4 * 1024 * 1024;
/** A server that keeps changing the file under us is a failure, not an endless loop. */
const MAX_RESTARTS_FROM_ZERO = 3;

export class DownloadStep implements OperationStep {
  /** Bytes in the part file now (may run ahead of the durable checkpoint). */
  private bytesOnDisk: number;
  private readonly record: DownloadRecord;
  private readonly context: StepContext;
  /** Connections open now (a segmented run's; 0 otherwise). */
  private connections = 0;
  /** How many connections the server took before it refused more, if it did (this run's). */
  private serverLimit: number | null = null;
  private session: HttpSession | null = null;
  private readonly failures = new SourceFailures();
  /** The server answered a part other than the one asked: this run goes on over one connection. */
  private oneConnection = false;
  /** What each address of the last segmented run served (the details' Parts tab). */
  private addresses: (() => RangeAddressInfo[]) | null = null;

  constructor(record: DownloadRecord, context: StepContext) {
    this.record = record;
    this.context = context;
    this.bytesOnDisk = record.bytesDurable;
  }

  get bytesDone(): number {
    return this.bytesOnDisk;
  }

  /** A segmented download: the saved ranges (written but unsaved bytes are not vouched for yet). */
  readableFrom(position: number): number {
    return this.record.doneRanges ? new RangeSet(this.record.doneRanges).contiguousFrom(position) : this.bytesOnDisk;
  }

  private get id(): string {
    return this.record.id;
  }

  describe(): StepDescription {
    const r = this.record;
    const expected = r.checksum ?? r.serverDigest;
    return {
      path: r.path,
      upload: null,
      response: null,
      segments: r.doneRanges ? { connections: this.connections, done: r.doneRanges, serverLimit: this.serverLimit, sources: this.addresses?.() ?? [] } : null,
      checksum: expected ? { algorithm: expected.split(':')[0]!, source: r.checksum ? 'given' : 'server', verified: r.verified !== null } : null,
      mirrors: r.mirrors,
      mirrorInUse: mirrorInUse(r),
    };
  }

  restored(): void {
    this.bytesOnDisk = this.record.bytesDurable;
  }

  forgetProgress(restart = false): () => Promise<void> {
    const part = this.record.path ? partPathFor(this.record.path) : null;
    const identity = this.record.partIdentity;
    if (restart && !this.record.requestedPath && this.record.path && existsNoFollow(this.record.path)) {
      // A finished file stays where it is; the new copy gets its own name.
      this.record.path = null;
    }
    this.record.partIdentity = null;
    this.record.bytesDurable = 0;
    this.record.doneRanges = null;
    this.record.serverDigest = null;
    this.record.verified = null;
    this.record.totalBytes = null;
    this.record.protocolState = null;
    this.record.finalizing = false;
    // No bytes left to prove; a restart begins again with the download's own address.
    this.record.newAddress = false;
    this.record.vouchedByChecksum = false;
    if (restart) this.record.source = 0;
    this.bytesOnDisk = 0;
    return async () => {
      if (part) await removeOurFile(part, identity);
    };
  }

  leave(deleteFinished: boolean): Promise<boolean> {
    return removeTransferFiles(this.record, deleteFinished);
  }

  async reattach(_saved: TransferState): Promise<Reattachment> {
    return (await this.recoverFinalizing()) ? { to: 'completed', reason: 'found complete after a restart (it was being renamed into place)' } : null;
  }

  afterFailure(error: TransferError): AfterFailure {
    return this.failures.after(this.record, error);
  }

  async run(signal: AbortSignal): Promise<string> {
    for (let restarts = 0; ; restarts++) {
      const result = await this.attempt(signal);
      if (result instanceof SwitchForSpeed) {
        this.context.noteRetry(result.moveTo(this.record));
        this.context.changed(true);
        restarts--;
        continue;
      }
      if (result.kind === 'complete') {
        await this.finish(result);
        this.failures.clear();
        return 'all bytes arrived and were saved';
      }
      this.noteStartingOver(result.reason);
      if (result.oneConnection) this.oneConnection = true;
      await this.discardAll();
      if (restarts >= MAX_RESTARTS_FROM_ZERO) {
        throw new TransferError('ResourceChanged', `the file kept changing on the server (${result.reason})`);
      }
    }
  }

  /** Says in the history why the bytes on disk are dropped; after a change of address, that it serves another file. */
  private noteStartingOver(reason: string): void {
    const r = this.record;
    const words = r.newAddress && r.bytesDurable > 0 ? `${addressInUse(r)} serves a different file (${reason}); starting over` : `starting over: ${reason}`;
    this.context.noteRetry(new TransferError('ResourceChanged', words));
  }

  /** Drops the part file and the progress in the middle of a run (the file changed on the server). */
  private async discardAll(): Promise<void> {
    await this.forgetProgress()();
    this.context.startedOver();
    this.context.changed(true);
  }

  /** Where the first request starts and ends (inclusive; null: the end): the bytes on disk, or the first hole between them. */
  private async resumeRange(): Promise<{ offset: number; end: number | null }> {
    const r = this.record;
    if (r.doneRanges && r.totalBytes !== null) {
      const durable = new RangeSet(r.doneRanges);
      const [hole] = durable.holes(r.totalBytes);
      this.bytesOnDisk = durable.bytes;
      if (!hole) return { offset: r.totalBytes, end: null };
      return { offset: hole[0], end: hole[1] === r.totalBytes ? null : hole[1] - 1 };
    }
    return { offset: await this.resumeOffset(), end: null };
  }

  private async resumeOffset(): Promise<number> {
    if (!this.record.path) return 0;
    const onDisk = fileSize(partPathFor(this.record.path));
    // Bytes past the last durable checkpoint were never vouched for: fetch them again.
    const offset = Math.min(onDisk, this.record.bytesDurable);
    this.bytesOnDisk = offset;
    return offset;
  }

  private async attempt(signal: AbortSignal): Promise<AttemptResult | SwitchForSpeed> {
    const settings = this.context.env.settings();
    const secret = this.context.env.secret(this.id);
    const { offset, end } = await this.resumeRange();
    const address = addressInUse(this.record);
    this.context.attemptStarts(this.bytesOnDisk);
    if (this.record.doneRanges && offset === this.record.totalBytes) return { kind: 'complete', bytes: offset, total: offset };
    const pacer = this.context.env.pacerFor(this.record);
    const speed = new SpeedSwitch(signal, pacer, () => this.bytesOnDisk);
    const input: AttemptInput = {
      url: address,
      ...addressSecrets(this.record, secret, address),
      offset,
      vouched: offset > 0 && vouchedByChecksum(this.record),
      partPath: this.record.path ? partPathFor(this.record.path) : null,
      knownTotal: this.record.totalBytes,
      end,
      facts: this.record.protocolState,
      // A segmented download's first answer is one of its parts: checked as one (range-answer.ts).
      segmented: this.record.doneRanges !== null,
      connectTimeoutMs: settings.connectTimeoutMs,
      responseTimeoutMs: settings.responseTimeoutMs,
      flow: flowLimits(settings),
      pacer,
      signal: speed.signal,
      dnsLookup: this.context.env.dnsLookup,
      ftpTls: settings.ftpTls,
      proxy: transferProxy(this.record, secret, this.context.env),
      // One per transfer while Ferry runs: its runs, segments and retries share challenges and cookies.
      session: (this.session ??= transferSession(this.id, secret, this.context.env)),
      preparePart: async (answer) => {
        const prepared = await this.acceptAnswer(answer);
        // On one connection, a much faster address takes over (a segmented run moves parts instead).
        if (!prepared.segments) await speed.armFor(this.record, secret, input, answer);
        return prepared;
      },
      onPartOpened: (identity) => {
        this.record.partIdentity = identity;
        this.context.changed(false);
      },
      onWritten: (bytes) => {
        this.bytesOnDisk = bytes;
        this.context.progressed(bytes);
      },
      onDurable: (bytes) => {
        this.record.bytesDurable = bytes;
        this.context.changed(false);
      },
    };
    return speed.watch(runDownloadAttempt(await downloadSourceFor(address), input));
  }

  /** Several connections, when the answer allows them and the user did not ask for one. */
  private segmentsFor(answer: SourceAnswer): SegmentsPlan | null {
    const r = this.record;
    const max = r.connections ?? this.context.env.settings().maxConnectionsPerServer;
    if (r.doneRanges === null) {
      if (!answer.splittable || answer.total === null || answer.total < MIN_SEGMENTED_BYTES || max < 2 || r.decodeOnFinish || this.oneConnection) return null;
      r.doneRanges = r.bytesDurable > 0 ? [[0, r.bytesDurable]] : [];
    }
    const total = answer.total!;
    const durable = new RangeSet(r.doneRanges);
    return {
      durable,
      firstEnd: durable.holes(total)[0]?.[1] ?? total,
      fixed: r.connections,
      max,
      hosts: this.context.env.hostLimits,
      host: new URL(answer.finalUrl).origin,
      wanted: this.context.wanted,
      onDurable: (ranges) => {
        r.doneRanges = ranges.toJSON();
        r.bytesDurable = ranges.bytes;
        this.context.changed(false);
      },
      onConnections: (count) => {
        this.connections = count;
      },
      onServerLimit: (count) => {
        this.serverLimit = count;
        this.context.changed(false);
      },
      mirrors: [],
      onMirrorUnused: (error) => this.context.noteRetry(error),
      onAddresses: (view) => {
        this.addresses = view;
      },
    };
  }

  private async acceptAnswer(answer: SourceAnswer): Promise<{ partPath: string; identity: DownloadRecord['partIdentity']; segments: SegmentsPlan | null }> {
    const r = this.record;
    const vouched = answer.offset > 0 && vouchedByChecksum(r);
    if (answer.restartReason) this.noteStartingOver(answer.restartReason);
    if (!r.path) {
      if (r.requestedPath) r.path = r.requestedPath;
      else {
        const name = chooseFileName(answer.suggestedName, answer.finalUrl, r.url);
        this.folderByCategory(name);
        r.path = uniquePath(r.dir, name, (candidate) => this.context.env.isPathTaken(candidate, r.id));
      }
    }
    r.protocolState = answer.facts;
    r.totalBytes = answer.total;
    r.decodeOnFinish = encodingToUndo(answer.contentEncoding, path.basename(r.path), answer.contentType);
    // Saved progress for another version of the file must be forgotten on disk before a byte of
    // this one lands, or a crash could resume one version with the other's bytes.
    // A segmented download's first hole may start at 0; it starts over only when told so.
    const startsOver = r.doneRanges ? answer.restartReason !== null : answer.offset === 0;
    const forgetsSavedBytes = startsOver && r.bytesDurable > 0;
    if (startsOver) {
      if (this.bytesOnDisk > 0 || r.bytesDurable > 0) this.context.startedOver();
      r.bytesDurable = 0;
      r.doneRanges = null;
      r.serverDigest = null;
      r.vouchedByChecksum = false;
      this.bytesOnDisk = 0;
      this.context.attemptStarts(0);
    }
    r.serverDigest ??= answer.digest ?? null;
    // The new address answered: what it kept, it kept by its validator or by the checksum.
    if (r.newAddress && !startsOver) r.vouchedByChecksum ||= vouched;
    r.newAddress = false;
    const segments = this.segmentsFor(answer);
    if (segments) segments.mirrors = await mirrorOffers(r, this.context.env.secret(this.id));
    this.context.changed(true);
    // A restart from zero over saved progress is on disk before a byte of the new version is, or a
    // crash could resume one version with the other's bytes. Otherwise the record is on its way to
    // disk (the name, the validator) and the first checkpoint carries it: waiting would cost every
    // small download a state write, and a crash before it lands only leaves an unused .part file.
    // When the state cannot be saved (a full disk), a download that keeps its bytes goes on.
    if (forgetsSavedBytes) await this.context.env.saved();
    return { partPath: partPathFor(r.path), identity: r.partIdentity, segments };
  }

  private async finish(result: Extract<AttemptResult, { kind: 'complete' }>): Promise<void> {
    const r = this.record;
    if (!r.path) throw new TransferError('Unknown', 'the download finished without a destination');
    const part = partPathFor(r.path);
    const size = fileSize(part);
    if (result.total !== null && size !== result.total) {
      throw new TransferError('ConnectionReset', `only ${size} of ${result.total} bytes arrived`);
    }
    // The server's checksum is of the bytes it sent, before any decoding; the user's of the file.
    if (!r.checksum && r.serverDigest) await this.verified(part, null, r.serverDigest, 'server');
    // What becomes the destination: the part file, or its decoded copy (see content-encoding.ts).
    const finished = r.decodeOnFinish ? await decodePartFile(part, r.decodeOnFinish).catch(async (error: unknown) => {
      // A body that does not decode is fetched again; one the disk cannot hold decoded is kept.
      if ((error as TransferError).status !== 'DiskFull') await this.discardAll();
      throw error;
    }) : { file: part, identity: r.partIdentity, size };
    if (r.checksum) await this.verified(finished.file, finished.file === part ? null : finished, r.checksum, 'given');
    r.finalizing = true;
    r.totalBytes = finished.size;
    r.bytesDurable = size;
    this.bytesOnDisk = finished.size;
    this.context.changed(true);
    // A crash during the rename must find `finalizing` on disk to recognise the finished file, or
    // it fetches the file again. Worth a wait for a big file; a small one (most of a batch of many)
    // goes on, its record on its way. If the state cannot be saved now, finish anyway.
    if (finished.size > REFETCH_IS_CHEAP_BYTES) await this.context.env.saved().catch(() => undefined);
    // The part file was fdatasynced by its writer before the attempt called it complete.
    await promotePartFile(finished.file, r.path, finished.identity, { synced: finished.file === part });
    if (finished.file !== part) {
      const encodedPart = r.partIdentity;
      r.partIdentity = finished.identity;
      this.context.changed(true);
      await this.context.env.saved().catch(() => undefined);
      await removeOurFile(part, encodedPart);
    }
    r.finalizing = false;
  }

  /** A download given no folder goes to its category's, when Settings names one (made if missing). */
  private folderByCategory(name: string): void {
    const r = this.record;
    if (!r.dirByCategory) return;
    const { categories } = this.context.env.settings();
    const category = categoryOf(name, categories);
    const folder = category === 'other' ? null : categories[category].folder;
    if (!folder) return;
    const dir = path.resolve(expandHome(folder));
    assertWritableDir(dir);
    r.dir = dir;
    r.dirByCategory = false;
  }

  /** Checks `file` against a checksum; on a mismatch nothing is kept (its decoded copy neither) and the download fails. */
  private async verified(file: string, copy: { file: string; identity: DownloadRecord['partIdentity'] } | null, expected: string, source: DigestSource): Promise<void> {
    try {
      await verifyDigest(file, expected, source);
      this.record.verified = source;
    } catch (error) {
      if (copy) await removeOurFile(copy.file, copy.identity);
      await this.discardAll();
      throw error;
    }
  }

  /**
   * After a crash during the final rename: the part file is gone and the destination has the
   * expected size, so the download did complete.
   */
  private async recoverFinalizing(): Promise<boolean> {
    const r = this.record;
    if (!r.finalizing || !r.path) return false;
    const partSize = fileSize(partPathFor(r.path));
    const final = lstatOrNull(r.path);
    const ours = final !== null && (r.partIdentity ? isIdentity(final, r.partIdentity) : final.isFile());
    const finalSize = final?.size ?? 0;
    if (partSize === 0 && ours && r.totalBytes !== null && finalSize === r.totalBytes) {
      r.finalizing = false;
      this.bytesOnDisk = finalSize;
      return true;
    }
    r.finalizing = false;
    return false;
  }
}
