// Owns every transfer: creation and the user's commands on each, on SettingsAndGroups (settings,
// groups, when everything is done) and TransferCore (the list, persistence, reattachment, the
// queue and the conditions).
import type { EngineApi } from '../../shared/api.ts';
import { FINAL_STATES, type Conditions, type QueueTarget, type CostPolicy, type LimitStatus, type TransferSnapshot, type TransferState } from '../../shared/model.ts';
import type { DownloadRequest, UploadRequest, RemoveOptions, ClearOptions } from '../../shared/schemas.ts';
import { TransferError } from './errors/transfer-error.ts';
import { buildDownloadRecord, parseDownloadUrl } from './intake/download-request.ts';
import { checkNewAddress } from './download/address-check.ts';
import { buildUploadRecord } from './intake/upload-request.ts';
import { userActionAllowed } from './operation/state-machine.ts';
import type { ReadStreamOptions, TransferReadStream } from './operation/transfer-read-stream.ts';
import type { Operation } from './operation/operation.ts';
import { completedFileOf, readStreamOf } from './storage/download-files.ts';
import type { FileHandle } from 'node:fs/promises';
import { SettingsAndGroups } from './service/settings-and-groups.ts';
import { moveInQueue } from './policy/queue-order.ts';

export { MAX_LIVE_TRANSFERS, type TransferServiceOptions } from './service/transfer-core.ts';

export class TransferService extends SettingsAndGroups implements EngineApi {
  async createDownload(request: DownloadRequest): Promise<TransferSnapshot> {
    return (await this.createDownloads([request]))[0]!;
  }

  /**
   * Several downloads at once (`ferry add -i`, a pasted list): all are checked before any is
   * queued, and they are saved together, so 200 cost one save, not 200. One bad request refuses all,
   * saying which.
   */
  async createDownloads(requests: DownloadRequest[]): Promise<TransferSnapshot[]> {
    this.assertRoom(requests.length);
    const checkedDirs = new Set<string>();
    const built = requests.map((request, index) => {
      try {
        const made = buildDownloadRecord(request, { seq: this.seq + 1 + index, defaultDir: this.settings.downloadDir, checkedDirs });
        const wanted = made.record.requestedPath;
        if (wanted && this.isPathTaken(wanted, made.record.id, { ignoreDisk: true })) {
          throw new TransferError('InvalidArgument', `another transfer is already downloading to ${wanted}`);
        }
        return made;
      } catch (error) {
        if (requests.length === 1 || !(error instanceof TransferError)) throw error;
        throw new TransferError(error.status, `download ${index + 1} of ${requests.length} (${request.url}): ${error.message}; none was added`);
      }
    });
    const paths = built.map((b) => b.record.requestedPath).filter((p): p is string => p !== null);
    if (new Set(paths).size !== paths.length) throw new TransferError('InvalidArgument', 'two of these downloads have the same destination file; none was added');
    return this.add(built);
  }

  async createUpload(request: UploadRequest): Promise<TransferSnapshot> {
    this.assertRoom(1);
    const built = await buildUploadRecord(request, { seq: this.seq + 1, ...(this.options.stagedFile ? { stagedFile: this.options.stagedFile } : {}) });
    return (await this.add([built]))[0]!;
  }

  async listTransfers(): Promise<TransferSnapshot[]> {
    return [...this.operations.values()].sort((a, b) => a.record.seq - b.record.seq).map((op) => op.snapshot());
  }

  /** The files of every upload in the list (the daemon keeps the ones it staged): no snapshots of the rest. */
  uploadFiles(): string[] {
    return [...this.operations.values()].flatMap((op) => (op.record.kind === 'upload' ? op.record.files.map((file) => file.path) : []));
  }

  async getTransfer(id: string): Promise<TransferSnapshot> {
    return this.find(id).snapshot();
  }

  async pause(id: string): Promise<TransferSnapshot> {
    const op = await this.halt(id, 'pause');
    // The run may have finished while it was being stopped; a finished transfer stays finished.
    if (!userActionAllowed('pause', op.state)) return op.snapshot();
    const before = structuredClone(op.record);
    op.transition('paused', 'paused by the user');
    await this.saved(() => this.restore(op, before));
    this.schedule();
    return op.snapshot();
  }

  async resume(id: string): Promise<TransferSnapshot> {
    const op = this.commandable(id, 'resume');
    const before = structuredClone(op.record);
    op.failuresInRow = 0;
    op.record.error = null;
    op.transition('queued', 'resumed by the user');
    await this.saved(() => this.restore(op, before));
    this.schedule();
    return op.snapshot();
  }

  async cancel(id: string): Promise<TransferSnapshot> {
    const op = await this.halt(id, 'cancel');
    if (!userActionAllowed('cancel', op.state)) return op.snapshot();
    const before = structuredClone(op.record);
    // Canceled first, so a reader following the download hears "Canceled", not "started over";
    // the hosts hear it once the partial file is gone (discardProgress announces it).
    op.record.error = { status: 'Canceled', message: 'canceled by the user', httpStatus: null };
    op.transition('canceled', 'canceled by the user', { announce: false });
    await this.saved(() => this.restore(op, before));
    await op.discardProgress();
    this.schedule();
    await this.state.flush().catch(() => undefined);
    return op.snapshot();
  }

  async restart(id: string): Promise<TransferSnapshot> {
    const op = await this.halt(id, 'restart');
    const before = structuredClone(op.record);
    // Not "completed" any more before the progress goes, so no saved state claims a file it lacks.
    op.transition('queued', 'restarted by the user');
    const removeOldFiles = op.forgetProgress(true);
    op.failuresInRow = 0;
    op.record.error = null;
    op.record.retries = [];
    op.record.completedAt = null;
    // The unfinished files go only once the record no longer counts on them.
    await this.saved(() => this.restore(op, before));
    await removeOldFiles().catch(() => undefined);
    this.schedule();
    return op.snapshot();
  }

  async remove(id: string, options: RemoveOptions = {}): Promise<{ id: string; fileDeleted: boolean }> {
    this.assertOpen();
    const op = this.find(id);
    op.retryAt = null;
    await op.interrupt('cancel');
    this.operations.delete(op.id);
    this.state.now();
    await this.saved(() => this.operations.set(op.id, op));
    const fileDeleted = await this.letGo([op], options.deleteFile === true);
    this.schedule();
    return { id: op.id, fileDeleted };
  }

  /** Failed and canceled transfers stay unless asked for: they are what is left to deal with. */
  async clearFinished(options: ClearOptions = {}): Promise<string[]> {
    this.assertOpen();
    const states: readonly TransferState[] = options.states ?? ['completed'];
    const finished = [...this.operations.values()].filter((op) => states.includes(op.state));
    for (const op of finished) this.operations.delete(op.id);
    this.state.now();
    await this.saved(() => finished.forEach((op) => this.operations.set(op.id, op)));
    await this.letGo(finished, false);
    return finished.map((op) => op.id);
  }

  /** The total speed once a second for the last five minutes (the UI's chart, the same after a reload). */
  async getThroughput(): Promise<number[]> {
    return this.throughput.list();
  }

  async getConditions(): Promise<Conditions> {
    return this.conditions();
  }

  /** The global limits in force (normal, alternative or the schedule's) and whether they hold transfers back. */
  async getLimits(): Promise<LimitStatus> {
    return this.limits.status();
  }

  /** Changes a transfer's cost policy ("Download anyway" sets always); it runs or waits at once by it. */
  async setCostPolicy(id: string, policy: CostPolicy): Promise<TransferSnapshot> {
    this.assertOpen();
    const op = this.find(id);
    if (FINAL_STATES.includes(op.state)) throw new TransferError('InvalidArgument', `transfer ${op.id} is ${op.state}; its cost policy no longer matters`);
    const before = structuredClone(op.record);
    op.record.costPolicy = policy;
    this.changed(op.id, true);
    await this.saved(() => this.restore(op, before));
    this.schedule();
    return op.snapshot();
  }

  /** "Start now" on a scheduled transfer: no start time, no time windows for it; it runs or waits by the rest at once. */
  async startNow(id: string): Promise<TransferSnapshot> {
    this.assertOpen();
    const op = this.find(id);
    if (FINAL_STATES.includes(op.state)) throw new TransferError('InvalidArgument', `transfer ${op.id} is ${op.state}; there is nothing to start`);
    const before = structuredClone(op.record);
    op.record.startAt = null;
    op.record.runAnytime = true;
    this.changed(op.id, true);
    await this.saved(() => this.restore(op, before));
    this.schedule();
    return op.snapshot();
  }

  /**
   * Gives a download a new address (the old one expired). It continues from the bytes on disk when
   * the new address serves the same file; otherwise it is refused, unless `startOver`, which drops
   * them. A failed download is queued again; a paused one stays paused; a running one must be paused first.
   */
  async setUrl(id: string, url: string, options: { startOver?: boolean } = {}): Promise<TransferSnapshot> {
    this.assertOpen();
    const op = this.find(id);
    const r = op.record;
    if (r.kind !== 'download') throw new TransferError('InvalidArgument', `transfer ${op.id} is an upload; only a download's address can be changed`);
    if (!userActionAllowed('setUrl', op.state)) {
      throw new TransferError('InvalidArgument', `transfer ${op.id} is ${op.state}: ${op.state === 'running' ? 'pause it first, then change its address' : 'its address no longer matters'}`);
    }
    const address = parseDownloadUrl(url).toString();
    const verdict = await checkNewAddress(r, address, this.options.secrets.get(op.id), this.settings, this.dnsLookup);
    if (!verdict.same && !options.startOver) {
      throw new TransferError('ResourceChanged', `${address} does not serve the same file as the ${r.bytesDurable} bytes on disk (${verdict.reason}); to download it from there anyway, start over`);
    }
    const before = structuredClone(r);
    const removeOldFiles = verdict.same ? null : op.forgetProgress();
    r.url = address;
    // The new address is the download's own; its next answer keeps the bytes by the rule it was checked by.
    r.source = 0;
    r.newAddress = verdict.same && r.bytesDurable > 0;
    r.mirrors = r.mirrors.filter((mirror) => mirror !== address);
    r.error = null;
    if (op.state === 'failed') {
      op.failuresInRow = 0;
      op.transition('queued', 'given a new address by the user');
    }
    this.changed(op.id, true);
    await this.saved(() => this.restore(op, before));
    await removeOldFiles?.().catch(() => undefined);
    this.schedule();
    return op.snapshot();
  }

  /**
   * Moves queued transfers to the top of the queue, one place up or down, to the bottom, or next
   * to another queued one (see policy/queue-order.ts); the order is saved and holds after a restart. The moved ones, as they are now.
   */
  async moveInQueue(ids: string[], move: QueueTarget): Promise<TransferSnapshot[]> {
    this.assertOpen();
    const moving = [...new Set(ids.map((id) => this.find(id)))];
    const next = typeof move === 'object' ? this.find('before' in move ? move.before : move.after) : null;
    const notQueued = [...moving, ...(next ? [next] : [])].find((op) => op.state !== 'queued');
    if (notQueued) throw new TransferError('InvalidArgument', `transfer ${notQueued.id} is ${notQueued.state}: only a queued transfer has a place in the queue`);
    if (next && moving.includes(next)) throw new TransferError('InvalidArgument', `transfer ${next.id} is one of those moved: they cannot go next to themselves`);
    const all = [...this.operations.values()];
    const queue = all.filter((op) => op.state === 'queued');
    const first = all.reduce((lowest, op) => Math.min(lowest, op.queueOrder), Infinity);
    // The target by its full id (it may be given short, as `ferry ls` prints it).
    const target = typeof move === 'string' ? move : 'before' in move ? { before: next!.id } : { after: next!.id };
    const changes = moveInQueue(queue, new Set(moving.map((op) => op.id)), target, { first, next: () => ++this.seq });
    const before = [...changes.keys()].map((id) => ({ op: this.operations.get(id)!, record: structuredClone(this.operations.get(id)!.record) }));
    for (const [id, place] of changes) {
      const record = this.operations.get(id)!.record;
      record.queueOrder = place.queueOrder;
      record.priority = place.priority;
      this.changed(id, true);
    }
    await this.saved(() => before.forEach(({ op, record }) => this.restore(op, record)));
    this.schedule();
    return moving.map((op) => op.snapshot());
  }

  /** Sets a transfer's own speed limit (null: none); a run in progress follows it at once. */
  async setLimit(id: string, bytesPerSec: number | null): Promise<TransferSnapshot> {
    this.assertOpen();
    const op = this.find(id);
    if (FINAL_STATES.includes(op.state)) throw new TransferError('InvalidArgument', `transfer ${op.id} is ${op.state}; a speed limit no longer matters`);
    const before = structuredClone(op.record);
    op.record.limitBytesPerSec = bytesPerSec || null;
    this.changed(op.id, true);
    await this.saved(() => this.restore(op, before));
    return op.snapshot();
  }

  /**
   * Resolves true once every transfer in `ids` has ended or left the list (without ids: once nothing
   * is queued, running or waiting), false after `timeoutMs`: `ferry wait` and `ferry add --wait`
   * learn of the end when it happens, not by polling.
   */
  async waitUntilSettled(ids: string[] | null, timeoutMs: number): Promise<boolean> {
    // Short ids (as `ferry ls` prints them) are resolved now; an unknown one is refused at once.
    const wanted = ids?.map((id) => this.find(id).id);
    // Ended as the hosts hear it: a canceled transfer has ended once its part file is gone.
    const ended = (id: string): boolean => {
      const op = this.operations.get(id);
      return !op || this.endAnnounced(op);
    };
    const busy = (op: Operation): boolean => userActionAllowed('pause', op.state) || (FINAL_STATES.includes(op.state) && !this.endAnnounced(op));
    const settled = (): boolean => (wanted ? wanted.every(ended) : ![...this.operations.values()].some(busy));
    if (settled()) return true;
    return new Promise((resolve) => {
      const finish = (result: boolean) => {
        clearTimeout(timer);
        stopChanged();
        stopRemoved();
        resolve(result);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      const check = () => {
        if (settled()) finish(true);
      };
      const stopChanged = this.on('transfersChanged', check);
      const stopRemoved = this.on('transfersRemoved', check);
    });
  }

  /**
   * Reads a download from `offset` while it arrives; the stream ends when the download completes.
   * In process only (hosts may serve it over HTTP); not part of the JSON API.
   */
  openReadStream(id: string, offset = 0, options: ReadStreamOptions = {}): TransferReadStream {
    return readStreamOf(this.find(id), offset, options);
  }

  /**
   * The finished file of a completed download, opened for reading only if it is still the file
   * Ferry wrote (not a link or another file put in its place); null otherwise. In process only.
   */
  openCompletedFile(id: string): Promise<FileHandle | null> {
    return completedFileOf(this.operations.get(id));
  }
}
