// Owns every transfer: creation, user commands, the queue, persistence and reattachment.
import type { LookupFunction } from 'node:net';
import type { EngineApi, EventName, FerryEvents } from '../../shared/api.ts';
import { FINAL_STATES, type Conditions, type CostPolicy, type GroupInfo, type Settings, type TransferSnapshot } from '../../shared/model.ts';
import { GroupRequestSchema, type DownloadRequest, type GroupRequest, type UploadRequest, type RemoveOptions, type SettingsPatch } from '../../shared/schemas.ts';
import { TransferError } from './transfer-error.ts';
import { applySettingsPatch, defaultSettings, savedSettings } from './settings.ts';
import { firstIssue } from './validation.ts';
import { classifyError } from './error-classify.ts';
import { EventHub } from './event-hub.ts';
import { StateWriter } from './state-writer.ts';
import { Operation } from './operation/operation.ts';
import { RunQueue } from './operation/run-queue.ts';
import { Holds } from './operation/holds.ts';
import { ConditionsBox, type ConditionsMonitor } from './policy/conditions-monitor.ts';
import { stepFor } from './operation/kinds.ts';
import { buildDownloadRecord } from './download/download-request.ts';
import { buildUploadRecord } from './upload/upload-request.ts';
import { isLive, stateOnReattach, userActionAllowed, type UserAction } from './state-machine.ts';
import { finishedBeyond } from './scheduler.ts';
import { ChangeBatcher } from './change-batcher.ts';
import type { TransferReadStream } from './transfer-read-stream.ts';
import { completedFileOf, destinationTaken, readStreamOf } from './download/download-files.ts';
import type { FileHandle } from 'node:fs/promises';
import { lookupVia } from './dns-lookup.ts';
import type { JobStore, SecretStore, Warn } from './store.ts';
import type { PersistedState, TransferRecord, TransferSecret } from './records.ts';
import { STATE_VERSION } from './state-migrations.ts';

export const MAX_LIVE_TRANSFERS = 200;

export interface TransferServiceOptions {
  store: JobStore;
  secrets: SecretStore;
  /** Overrides of the built-in defaults (saved settings win over these). */
  defaults?: Partial<Settings>;
  warn?: Warn;
  /** Resolve host names through these DNS servers instead of the system resolver. */
  dnsServers?: string[];
  maxLive?: number;
  /** How often progress checkpoints are written to the store. */
  persistIntervalMs?: number;
  /** The network and power as the host reads them (default: assumed online, unmetered, on AC); closed at shutdown. */
  monitor?: ConditionsMonitor;
  /** Where a file the browser UI staged is (the daemon's staging area); without it staged files are refused. */
  stagedFile?: (id: string) => string | null;
}

export class TransferService implements EngineApi {
  private readonly operations = new Map<string, Operation>();
  private readonly groups = new Map<string, GroupInfo>();
  private settings: Settings;
  private savedSettings: SettingsPatch = {};
  private seq = 0;
  private readonly events = new EventHub();
  private readonly batcher = new ChangeBatcher<TransferSnapshot>((items) => this.events.emit('transfersChanged', items));
  private readonly state: StateWriter;
  private readonly runs = new RunQueue({
    operations: () => [...this.operations.values()],
    settings: () => this.settings,
    groupBehavior: (group) => this.groups.get(group)?.behavior ?? 'parallel',
    holdAfterFailure: (op, error) => this.holds.holdAfterFailure(op, error),
  });
  private readonly holds = new Holds({
    operations: () => [...this.operations.values()],
    conditions: () => this.conditions(),
    settings: () => this.settings,
    schedule: () => this.runs.schedule(),
  });
  private readonly monitor: ConditionsMonitor;
  private stopWatching: () => void = () => undefined;
  private readonly dnsLookup: LookupFunction | undefined;
  private closed = false;
  private readonly warn: Warn;

  private readonly options: TransferServiceOptions;

  constructor(options: TransferServiceOptions) {
    this.options = options;
    this.warn = options.warn ?? ((message) => console.warn(`ferry: ${message}`));
    this.settings = { ...defaultSettings(), ...options.defaults };
    this.dnsLookup = options.dnsServers?.length ? lookupVia(options.dnsServers) : undefined;
    this.state = new StateWriter(options.store, () => this.persistedState(), options.persistIntervalMs ?? 1000, this.warn);
    this.monitor = options.monitor ?? new ConditionsBox();
  }

  /** The network and power as the policy reads them: the monitor's, with the user's cost setting. */
  private conditions(): Conditions {
    const read = this.monitor.current();
    if (this.settings.networkCost === 'auto') return read;
    return { ...read, cost: this.settings.networkCost, source: `${read.source}; cost from the networkCost setting` };
  }

  /** Everything saved: the transfers' records, groups and the settings the user changed. */
  private persistedState(): PersistedState {
    return {
      version: STATE_VERSION,
      seq: this.seq,
      operations: Object.fromEntries([...this.operations.values()].map((op) => [op.id, op.record])),
      groups: Object.fromEntries(this.groups),
      settings: this.savedSettings,
    };
  }

  /** Loads the store and reattaches every unfinished transfer: running ones continue, paused stay. */
  async start(): Promise<void> {
    const state = this.options.store.load();
    this.seq = state.seq;
    const saved = savedSettings(state.settings);
    if (saved) this.savedSettings = saved;
    else this.warn('saved settings were invalid and were ignored');
    this.settings = { ...this.settings, ...this.savedSettings };
    for (const group of Object.values(state.groups)) this.groups.set(group.name, group);
    for (const record of Object.values(state.operations)) await this.attach(record).reattach(stateOnReattach(record.state));
    // Credentials of transfers that are gone (removed, or lost with a damaged state file).
    for (const id of this.options.secrets.ids()) if (!this.operations.has(id)) this.forgetSecret(id);
    this.state.now();
    this.stopWatching = this.monitor.onChange(() => {
      this.schedule();
      this.events.emit('conditionsChanged', this.conditions());
    });
    this.schedule();
  }

  /**
   * The events of shared/'s FerryEvents map. `transfersChanged` is batched: at most one call per
   * ~100 ms with every transfer that changed since the last.
   */
  on<E extends EventName>(event: E, listener: (payload: FerryEvents[E]) => void): () => void {
    return this.events.on(event, listener);
  }

  // --- FerryApi ---------------------------------------------------------------------------

  async createDownload(request: DownloadRequest): Promise<TransferSnapshot> {
    this.assertRoom();
    const { record, secret } = buildDownloadRecord(request, { seq: this.seq + 1, defaultDir: this.settings.downloadDir });
    if (record.requestedPath && this.isPathTaken(record.requestedPath, record.id, { ignoreDisk: true })) {
      throw new TransferError('InvalidArgument', `another transfer is already downloading to ${record.requestedPath}`);
    }
    return this.add(record, secret);
  }

  async createUpload(request: UploadRequest): Promise<TransferSnapshot> {
    this.assertRoom();
    const { record, secret } = await buildUploadRecord(request, { seq: this.seq + 1, ...(this.options.stagedFile ? { stagedFile: this.options.stagedFile } : {}) });
    return this.add(record, secret);
  }

  private assertRoom(): void {
    this.assertOpen();
    const live = [...this.operations.values()].filter((op) => isLive(op.state)).length;
    const maxLive = this.options.maxLive ?? MAX_LIVE_TRANSFERS;
    if (live >= maxLive) {
      throw new TransferError('TooManyTransfers', `Ferry already has ${live} unfinished transfers (the limit is ${maxLive}); let some finish or cancel them first`);
    }
  }

  /** A new transfer joins the list once it is on disk (with its secret and a new group). */
  private async add(record: TransferRecord, secret: TransferSecret | null): Promise<TransferSnapshot> {
    if (secret) this.options.secrets.set(record.id, secret);
    const newGroup = record.group && !this.groups.has(record.group) ? record.group : null;
    if (newGroup) this.groups.set(newGroup, { name: newGroup, behavior: 'parallel' });
    const seqBefore = this.seq;
    this.seq = record.seq;
    const operation = this.attach(record);
    this.state.now();
    await this.saved(() => {
      this.operations.delete(record.id);
      this.seq = seqBefore;
      if (newGroup) this.groups.delete(newGroup);
      this.forgetSecret(record.id);
    });
    this.schedule();
    return operation.snapshot();
  }

  async listTransfers(): Promise<TransferSnapshot[]> {
    return [...this.operations.values()].sort((a, b) => a.record.seq - b.record.seq).map((op) => op.snapshot());
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

  async clearFinished(): Promise<string[]> {
    this.assertOpen();
    const finished = [...this.operations.values()].filter((op) => FINAL_STATES.includes(op.state));
    for (const op of finished) this.operations.delete(op.id);
    this.state.now();
    await this.saved(() => finished.forEach((op) => this.operations.set(op.id, op)));
    await this.letGo(finished, false);
    return finished.map((op) => op.id);
  }

  async getConditions(): Promise<Conditions> {
    return this.conditions();
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

  async getSettings(): Promise<Settings> {
    return { ...this.settings };
  }

  async setSettings(patch: SettingsPatch): Promise<Settings> {
    const before = { saved: this.savedSettings, settings: this.settings };
    this.savedSettings = applySettingsPatch(this.savedSettings, patch);
    this.settings = { ...this.settings, ...this.savedSettings };
    this.state.now();
    await this.saved(() => {
      this.savedSettings = before.saved;
      this.settings = before.settings;
    });
    this.schedule();
    this.events.emit('settingsChanged', { ...this.settings });
    if (patch.networkCost !== undefined) this.events.emit('conditionsChanged', this.conditions());
    return { ...this.settings };
  }

  async createGroup(request: GroupRequest): Promise<GroupInfo> {
    const parsed = GroupRequestSchema.safeParse(request);
    if (!parsed.success) throw new TransferError('InvalidArgument', firstIssue(parsed.error, 'invalid group').message);
    const group: GroupInfo = { name: parsed.data.name, behavior: parsed.data.behavior ?? 'parallel' };
    const before = this.groups.get(group.name);
    this.groups.set(group.name, group);
    this.state.now();
    await this.saved(() => {
      if (before) this.groups.set(group.name, before);
      else this.groups.delete(group.name);
    });
    return group;
  }

  async listGroups(): Promise<GroupInfo[]> {
    return [...this.groups.values()];
  }

  /**
   * Reads a download from `offset` while it arrives; the stream ends when the download completes.
   * In process only (hosts may serve it over HTTP); not part of the JSON API.
   */
  openReadStream(id: string, offset = 0): TransferReadStream {
    return readStreamOf(this.find(id), offset);
  }

  /**
   * The finished file of a completed download, opened for reading only if it is still the file
   * Ferry wrote (not a link or another file put in its place); null otherwise. In process only.
   */
  openCompletedFile(id: string): Promise<FileHandle | null> {
    return completedFileOf(this.operations.get(id));
  }

  /** Stops every run without changing its saved state, so the next start reattaches it. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.runs.close();
    this.stopWatching();
    this.monitor.close();
    await Promise.all([...this.operations.values()].map((op) => op.interrupt('shutdown')));
    this.batcher.flush();
    this.batcher.dispose();
    this.state.now();
    await this.state.flush().catch((error: unknown) => this.warn((error as Error).message));
  }

  // --- internals --------------------------------------------------------------------------

  private attach(record: TransferRecord): Operation {
    const operation = new Operation(record, {
      settings: () => this.settings,
      secret: (id) => this.options.secrets.get(id),
      dnsLookup: this.dnsLookup,
      isPathTaken: (candidate, selfId) => this.isPathTaken(candidate, selfId),
      changed: (id, durable, announce) => this.changed(id, durable, announce),
      internalError: (message) => this.warn(`internal error, please report: ${message}`),
      saved: () => this.state.flush(),
    }, stepFor);
    this.operations.set(record.id, operation);
    return operation;
  }

  private isPathTaken(candidate: string, selfId: string, options: { ignoreDisk?: boolean } = {}): boolean {
    return destinationTaken(this.operations.values(), candidate, selfId, options.ignoreDisk ?? false);
  }

  private find(id: string): Operation {
    const op = this.operations.get(id) ?? [...this.operations.values()].find((o) => id.length >= 4 && o.id.startsWith(id));
    if (!op) throw new TransferError('InvalidArgument', `no transfer with id ${id}`);
    return op;
  }

  /** The first step of pause, cancel and restart: no pending retry, and the run stopped. */
  private async halt(id: string, action: 'pause' | 'cancel' | 'restart'): Promise<Operation> {
    const op = this.commandable(id, action);
    op.retryAt = null;
    await op.interrupt(action);
    return op;
  }

  private commandable(id: string, action: UserAction): Operation {
    this.assertOpen();
    const op = this.find(id);
    if (!userActionAllowed(action, op.state)) {
      throw new TransferError('InvalidArgument', `cannot ${action} transfer ${op.id}: it is ${op.state}`);
    }
    return op;
  }

  private assertOpen(): void {
    if (this.closed) throw new TransferError('InvalidArgument', 'Ferry is shutting down');
  }

  private changed(id: string, durable: boolean, announce = true): void {
    if (durable) this.state.now();
    else this.state.soon();
    const op = this.operations.get(id);
    if (!announce || !op) return;
    this.batcher.mark(op.id, () => op.snapshot());
    // A transfer that ended is news at once (`ferry get` is waiting on it); progress waits its turn.
    if (durable && FINAL_STATES.includes(op.state)) {
      this.batcher.flush();
      this.pruneFinished(op);
    }
  }

  /** Holds or releases transfers as the conditions say, then starts what may run. */
  private schedule(): void {
    if (this.closed) return;
    this.holds.apply();
    this.runs.schedule();
  }

  /**
   * A command is answered once what it changed is on disk, so a crash right after cannot undo it.
   * When it cannot be saved (a full disk), `undo` takes the change back and the command fails with
   * the reason: nothing is acknowledged that a restart would lose.
   */
  private async saved(undo: () => void): Promise<void> {
    try {
      await this.state.flush();
    } catch (error) {
      undo();
      this.state.now();
      this.schedule();
      throw classifyError(error);
    }
  }

  /** Takes back a command on one transfer: its record as it was, and a run it lost queued again. */
  private restore(op: Operation, before: TransferRecord): void {
    op.restoreRecord(before);
    // A run the command stopped is queued again; anything else is exactly as it was.
    if (before.state === 'running' || before.state === 'retrying') op.transition('queued', 'the command could not be saved, so it was taken back');
  }

  /**
   * After transfers left the list (and that was saved): their partial files and secrets go, the
   * finished file too if asked (only the one Ferry wrote), and the hosts hear of it.
   */
  private async letGo(ops: Operation[], deleteFiles: boolean): Promise<boolean> {
    let deleted = false;
    for (const op of ops) {
      if (await op.leave(deleteFiles).catch(() => false)) deleted = true;
      this.forgetSecret(op.id);
    }
    if (ops.length > 0) this.events.emit('transfersRemoved', ops.map((op) => op.id));
    return deleted;
  }

  /** Beyond keepFinished, the transfers that finished longest ago leave the list (their files stay). */
  private pruneFinished(justFinished: Operation): void {
    const excess = finishedBeyond(this.operations.values(), this.settings.keepFinished, justFinished);
    if (excess.length === 0) return;
    for (const op of excess) this.operations.delete(op.id);
    this.state.now();
    void this.letGo(excess, false);
  }

  /** Secrets of a transfer that is gone; if that cannot be saved now, the next start prunes them. */
  private forgetSecret(id: string): void {
    try {
      this.options.secrets.delete(id);
    } catch (error) {
      this.warn(`could not delete the credentials of transfer ${id} yet: ${(error as Error).message}`);
    }
  }
}
