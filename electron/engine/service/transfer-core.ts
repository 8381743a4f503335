// The heart of the TransferService: the list of operations, its persistence and reattachment, the
// queue and the conditions, and the steps every command shares (find, halt, save-or-undo). The API
// itself (creation, commands, settings, groups) is transfer-service.ts.
import type { LookupFunction } from 'node:net';
import type { EventName, FerryEvents } from '../../../shared/api.ts';
import { LimitsInForce } from '../pipe/limits-in-force.ts';
import { HostLimits } from '../segments/host-limits.ts';
import { SYSTEM_CLOCK } from './clock.ts';
import { FINAL_STATES, type Conditions, type Settings, type TransferSnapshot } from '../../../shared/model.ts';
import { ServiceGroups } from './service-groups.ts';
import { letGo } from './let-go.ts';
import { WhenDone } from '../when-done/when-done.ts';
import { WHEN_DONE_BUSY_STATES } from '../../../shared/when-done.ts';
import { type SettingsPatch } from '../../../shared/schemas.ts';
import { TransferError } from '../errors/transfer-error.ts';
import { defaultSettings, savedSettings } from './settings.ts';
import { classifyError } from '../errors/error-classify.ts';
import { EventHub } from './event-hub.ts';
import { StateWriter } from '../state/state-writer.ts';
import { Operation } from '../operation/operation.ts';
import { RunQueue } from '../operation/run-queue.ts';
import { Holds } from '../operation/holds.ts';
import { ConditionsBox, type ConditionsMonitor } from '../policy/conditions-monitor.ts';
import { ThroughputHistory } from './throughput-history.ts';
import { stepFor } from '../operation/kinds.ts';
import type { OperationEnv } from '../operation/step.ts';
import { isLive, stateOnReattach, userActionAllowed, type UserAction } from '../operation/state-machine.ts';
import { finishedBeyond } from '../policy/scheduler.ts';
import { ChangeBatcher } from './change-batcher.ts';
import { Announcements } from './announcements.ts';
import { destinationTaken } from '../storage/download-files.ts';
import { lookupVia } from '../protocols/http/dns-lookup.ts';
import { environmentProxy } from '../proxy/env-proxy.ts';
import { PacProxies } from '../proxy/pac/pac-proxies.ts';
import type { Warn } from '../state/store.ts';
import type { PersistedState, TransferRecord, TransferSecret } from '../state/records.ts';
import { STATE_VERSION } from '../state/state-migrations.ts';
import type { TransferServiceOptions } from './service-options.ts';
import { keepHeadersSecret, prunedAtStart, runningFirst } from '../state/start-up.ts';

export const MAX_LIVE_TRANSFERS = 200;

export type { TransferServiceOptions } from './service-options.ts';

export abstract class TransferCore {
  protected readonly operations = new Map<string, Operation>();
  protected readonly groups: ServiceGroups = new ServiceGroups({
    operation: (id) => this.operations.get(id),
    endAnnounced: (op) => this.endAnnounced(op),
    save: async () => {
      this.state.now();
      await this.state.flush();
    },
    saveSoon: () => this.state.soon(),
    transferChanged: (id) => this.changed(id, true),
    emit: (groups) => this.events.emit('groupsChanged', groups),
    quiet: () => this.starting !== null,
    runner: () => this.options.groupActions ?? null,
    warn: (message) => this.warn(message),
  });
  /** "When everything is done": checked whenever the list or a group changes. */
  protected readonly whenDone = new WhenDone({
    host: () => this.options.whenDone ?? null,
    busy: () => this.groups.completion.anyRunning() || [...this.operations.values()].some((op) => WHEN_DONE_BUSY_STATES.includes(op.state)),
    clock: () => this.options.clock ?? SYSTEM_CLOCK,
    emit: (status) => this.events.emit('whenDoneChanged', status),
    warn: (message) => this.warn(message),
  });
  protected settings: Settings;
  protected savedSettings: SettingsPatch = {};
  protected seq = 0;
  protected readonly events = new EventHub();
  protected readonly batcher = new ChangeBatcher<TransferSnapshot>((items) => this.events.emit('transfersChanged', items));
  private readonly announcements = new Announcements(this.batcher, this.events);
  protected readonly state: StateWriter;
  protected readonly runs = new RunQueue({
    operations: () => [...this.operations.values()],
    settings: () => this.settings,
    groupBehavior: (group) => this.groups.book.behavior(group),
    holdAfterFailure: (op, error) => this.holds.holdAfterFailure(op, error),
  });

  protected readonly holds = new Holds({
    operations: () => [...this.operations.values()],
    conditions: () => this.conditions(),
    settings: () => this.settings,
    groupWindows: (name) => this.groups.book.get(name)?.runWindows ?? [],
    clock: () => this.options.clock ?? SYSTEM_CLOCK,
    reapply: () => this.schedule(),
    schedule: () => this.runs.schedule(),
  });

  protected readonly monitor: ConditionsMonitor;
  protected readonly throughput = new ThroughputHistory();
  protected readonly limits: LimitsInForce;
  /** How many connections each server took before it refused more (shared by its downloads). */
  private readonly hostLimits = new HostLimits();
  /** The proxy setting "pac": the script in hand, loaded again when the setting changes. */
  protected readonly pac: PacProxies;
  protected stopWatching: () => void = () => undefined;
  protected readonly dnsLookup: LookupFunction | undefined;
  protected closed = false;
  protected readonly warn: Warn;

  protected readonly options: TransferServiceOptions;

  constructor(options: TransferServiceOptions) {
    this.options = options;
    this.warn = options.warn ?? ((message) => console.warn(`ferry: ${message}`));
    this.settings = { ...defaultSettings(), ...options.defaults };
    this.pac = new PacProxies(this.warn);
    this.dnsLookup = options.dnsServers?.length ? lookupVia(options.dnsServers) : undefined;
    this.state = new StateWriter(options.store, () => this.persistedState(), options.persistIntervalMs ?? 1000, this.warn);
    this.monitor = options.monitor ?? new ConditionsBox();
    this.limits = new LimitsInForce(
      options.clock ?? SYSTEM_CLOCK,
      (status) => this.events.emit('limitsChanged', status),
      // A speed that falls while a limit holds the bytes back is news too (no byte announces it).
      (kinds) => {
        for (const op of this.operations.values()) if (op.state === 'running' && kinds.includes(op.kind)) this.batcher.mark(op.id, () => op.snapshot());
      },
    );
    this.operationEnv = {
      settings: () => this.settings,
      secret: (id) => this.options.secrets.get(id),
      keepCookies: (id, cookies) => {
        // A transfer that left the list keeps nothing.
        if (this.operations.has(id)) this.options.secrets.set(id, { ...this.options.secrets.get(id), cookies });
      },
      dnsLookup: this.dnsLookup,
      systemProxy: options.systemProxy ?? environmentProxy(process.env),
      pacProxy: this.pac.resolve,
      isPathTaken: (candidate, selfId) => this.isPathTaken(candidate, selfId),
      changed: (id, durable, announce) => this.changed(id, durable, announce),
      internalError: (message) => this.warn(`internal error, please report: ${message}`),
      saved: () => this.state.flush(),
      pacerFor: (record) => this.limits.rates.pacerFor(record.kind, () => record.limitBytesPerSec),
      hostLimits: this.hostLimits,
    };
    this.limits.apply(this.settings);
    for (const event of ['transfersChanged', 'transfersRemoved', 'groupsChanged'] as const) this.events.on(event, () => this.whenDone.check());
  }

  /** What every operation is given: one object for all (100,000 finished transfers once held 100,000 copies). */
  private readonly operationEnv: OperationEnv;

  /** The network and power as the policy reads them: the monitor's, with the user's cost setting. */
  protected conditions(): Conditions {
    const read = this.monitor.current();
    if (this.settings.networkCost === 'auto') return read;
    return { ...read, cost: this.settings.networkCost, source: `${read.source}; cost from the networkCost setting` };
  }

  /** Everything saved: the transfers' records, groups and the settings the user changed. */
  protected persistedState(): PersistedState {
    return {
      version: STATE_VERSION,
      seq: this.seq,
      operations: Object.fromEntries([...this.operations.values()].map((op) => [op.id, op.record])),
      groups: this.groups.book.saved(),
      settings: this.savedSettings,
    };
  }

  /**
   * Loads the store and reattaches every unfinished transfer: running ones continue, paused stay.
   * One pass over the list, whatever its length: the finished transfers beyond keepFinished are
   * taken off first (with a message), the rest attached without announcing each, and the state is
   * written only if something changed.
   */
  async start(): Promise<void> {
    const state = this.options.store.load();
    this.seq = state.seq;
    const saved = savedSettings(state.settings);
    if (saved) this.savedSettings = saved;
    else this.warn('saved settings were invalid and were ignored');
    this.settings = { ...this.settings, ...this.savedSettings };
    this.limits.apply(this.settings);
    this.groups.book.load(state.groups);
    const records = Object.values(state.operations);
    const beyond = new Set(finishedBeyond(records, this.settings.keepFinished, (record) => record));
    this.starting = { changed: runningFirst(records.filter((record) => !beyond.has(record))) || beyond.size > 0 };
    let headersMoved = false;
    for (const record of records) {
      if (beyond.has(record)) continue;
      if (keepHeadersSecret(record, this.options.secrets)) headersMoved = this.starting.changed = true;
      await this.attach(record).reattach(stateOnReattach(record.state));
    }
    const changed = this.starting.changed;
    this.starting = null;
    if (beyond.size > 0) {
      this.warn(prunedAtStart(beyond.size, this.settings.keepFinished));
      void this.letGo([...beyond].map((record) => this.operationFor(record)), false);
    }
    // Credentials of transfers that are gone (removed, or a crash between two saves; those of
    // records set aside from a damaged state file were set aside with them when it was read).
    for (const id of this.options.secrets.ids()) if (!this.operations.has(id)) this.forgetSecret(id);
    // Headers moved out of the plain state are on disk with the credentials before the state drops them.
    if (headersMoved) await this.options.secrets.flush().catch((error: unknown) => this.warn((error as Error).message));
    if (changed) this.state.now();
    this.throughput.start(() => [...this.operations.values()].reduce((sum, op) => sum + op.speed, 0));
    this.stopWatching = this.monitor.onChange(() => {
      // Waking from sleep may have passed a boundary of the limit schedule.
      this.limits.apply(this.settings);
      this.schedule();
      this.events.emit('conditionsChanged', this.conditions());
    });
    this.schedule();
    this.groups.completion.resume();
  }

  /** While start() attaches the saved transfers: whether any of them changed (they are not announced one by one). */
  private starting: { changed: boolean } | null = null;

  /**
   * The events of shared/'s FerryEvents map. `transfersChanged` is batched: at most one call per
   * ~100 ms with every transfer that changed since the last.
   */
  on<E extends EventName>(event: E, listener: (payload: FerryEvents[E]) => void): () => void {
    return this.events.on(event, listener);
  }

  protected assertRoom(adding: number): void {
    this.assertOpen();
    const live = [...this.operations.values()].filter((op) => isLive(op.state)).length;
    const maxLive = this.options.maxLive ?? MAX_LIVE_TRANSFERS;
    if (live + adding > maxLive) {
      const asked = adding > 1 ? `; ${adding} more were asked for` : '';
      throw new TransferError('TooManyTransfers', `Ferry already has ${live} unfinished transfers (the limit is ${maxLive})${asked}; let some finish or cancel them first`);
    }
  }

  /** New transfers join the list once they are on disk (with their secrets and new groups), in one save. */
  protected async add(built: Array<{ record: TransferRecord; secret: TransferSecret | null }>): Promise<TransferSnapshot[]> {
    const seqBefore = this.seq;
    const groups = this.groups.join(built.map(({ record }) => record));
    const operations = built.map(({ record, secret }) => {
      if (secret) this.options.secrets.set(record.id, secret);
      this.seq = Math.max(this.seq, record.seq);
      return this.attach(record);
    });
    // Their secrets reach the disk before the records that need them.
    await this.saved(() => {
      for (const op of operations) {
        this.operations.delete(op.id);
        this.forgetSecret(op.id);
      }
      this.seq = seqBefore;
      groups.undo();
    }, { secretsFirst: built.some(({ secret }) => secret) });
    for (const group of groups.joined) this.groups.changed(group);
    this.schedule();
    return operations.map((op) => op.snapshot());
  }

  /** Stops every run without changing its saved state, so the next start reattaches it. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.whenDone.close();
    this.runs.close();
    this.throughput.stop();
    this.limits.close();
    this.holds.close();
    this.stopWatching();
    this.monitor.close();
    this.pac.close();
    await Promise.all([...this.operations.values()].map((op) => op.interrupt('shutdown')));
    await this.groups.completion.shutdown();
    this.batcher.flush();
    this.batcher.dispose();
    this.state.nowIfChanged();
    const written = (flushed: Promise<void>) => flushed.catch((error: unknown) => this.warn((error as Error).message));
    await Promise.all([written(this.state.flush()), written(this.options.secrets.flush())]);
  }

  protected attach(record: TransferRecord): Operation {
    const operation = this.operationFor(record);
    this.operations.set(record.id, operation);
    return operation;
  }

  /** The operation of a record, not (yet) in the list. */
  private operationFor(record: TransferRecord): Operation {
    return new Operation(record, this.operationEnv, stepFor);
  }

  protected isPathTaken(candidate: string, selfId: string, options: { ignoreDisk?: boolean } = {}): boolean {
    return destinationTaken(this.operations.values(), candidate, selfId, options.ignoreDisk ?? false);
  }

  protected find(id: string): Operation {
    const op = this.operations.get(id) ?? [...this.operations.values()].find((o) => id.length >= 4 && o.id.startsWith(id));
    if (!op) throw new TransferError('InvalidArgument', `no transfer with id ${id}`);
    return op;
  }

  /** The first step of pause, cancel and restart: no pending retry, and the run stopped. */
  protected async halt(id: string, action: 'pause' | 'cancel' | 'restart'): Promise<Operation> {
    const op = this.commandable(id, action);
    op.retryAt = null;
    await op.interrupt(action);
    return op;
  }

  protected commandable(id: string, action: UserAction): Operation {
    this.assertOpen();
    const op = this.find(id);
    if (!userActionAllowed(action, op.state)) {
      throw new TransferError('InvalidArgument', `cannot ${action} transfer ${op.id}: it is ${op.state}`);
    }
    return op;
  }

  protected assertOpen(): void {
    if (this.closed) throw new TransferError('InvalidArgument', 'Ferry is shutting down');
  }

  protected changed(id: string, durable: boolean, announce = true): void {
    if (this.starting) {
      this.starting.changed ||= durable;
      return;
    }
    if (durable) this.state.now();
    else this.state.soon();
    // A change marked earlier (the run's last checkpoint) must not go out before the caller has finished.
    if (!announce) return this.announcements.holdBack(id);
    const op = this.operations.get(id);
    if (!op) return;
    // A transfer that ended is news at once (`ferry get` is waiting on it); progress waits its turn.
    const ended = durable && FINAL_STATES.includes(op.state);
    this.announcements.tell(op, ended);
    if (ended) this.groups.ended(op);
    if (ended) this.pruneFinished(op);
  }

  /** Whether the hosts know `op` has ended (completed, failed or canceled) and all it left is final. */
  protected endAnnounced(op: Operation): boolean {
    return FINAL_STATES.includes(op.state) && this.announcements.told(op.id);
  }

  /** Holds or releases transfers as the conditions say, then starts what may run. */
  protected schedule(): void {
    if (this.closed) return;
    this.holds.apply();
    this.runs.schedule();
  }

  /**
   * A command is answered once what it changed is on disk, so a crash right after cannot undo it.
   * When it cannot be saved (a full disk), `undo` takes the change back and the command fails with
   * the reason: nothing is acknowledged that a restart would lose.
   */
  protected async saved(undo: () => void, options: { secretsFirst?: boolean } = {}): Promise<void> {
    try {
      if (options.secretsFirst) await this.options.secrets.flush();
      this.state.now();
      await this.state.flush();
    } catch (error) {
      undo();
      this.state.now();
      this.schedule();
      throw classifyError(error);
    }
  }

  /** Takes back a command on one transfer: its record as it was, and a run it lost queued again. */
  protected restore(op: Operation, before: TransferRecord): void {
    op.restoreRecord(before);
    // A run the command stopped is queued again; anything else is exactly as it was.
    if (before.state === 'running' || before.state === 'retrying') op.transition('queued', 'the command could not be saved, so it was taken back');
  }

  /** After transfers left the list (and that was saved): see service/let-go.ts. */
  protected letGo(ops: Operation[], deleteFiles: boolean): Promise<boolean> {
    return letGo(ops, deleteFiles, { forgetSecret: (id) => this.forgetSecret(id), groups: this.groups, removed: (ids) => this.announcements.removed(ids) });
  }

  /** Beyond keepFinished, the transfers that finished longest ago leave the list (their files stay). */
  protected pruneFinished(justFinished: Operation): void {
    const excess = finishedBeyond(this.operations.values(), this.settings.keepFinished, (op) => op.record, justFinished);
    if (excess.length === 0) return;
    for (const op of excess) this.operations.delete(op.id);
    this.state.now();
    void this.letGo(excess, false);
  }

  /** Secrets of a transfer that is gone; if that cannot be saved now, the next start prunes them. */
  protected forgetSecret(id: string): void {
    try {
      this.options.secrets.delete(id);
    } catch (error) {
      this.warn(`could not delete the credentials of transfer ${id} yet: ${(error as Error).message}`);
    }
  }
}
