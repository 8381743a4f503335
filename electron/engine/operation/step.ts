// What differs between kinds of transfer (a download, an upload) behind the one lifecycle of
// operation.ts: the step does the work of a run; the Operation owns the state, its history, the
// speed, the watchers and the run's start and end. A step never changes the state itself.
import type { LookupFunction } from 'node:net';
import type { Settings, TransferSnapshot, TransferState } from '../../../shared/model.ts';
import type { TransferErrorInfo } from '../../../shared/errors.ts';
import type { TransferError } from '../errors/transfer-error.ts';
import type { TransferRecord, TransferSecret } from '../state/records.ts';
import type { Pacer } from '../pipe/token-bucket.ts';
import type { HostLimits } from '../segments/host-limits.ts';
import type { SystemProxyResolver } from '../proxy/proxy-server.ts';
import type { PacResolver } from '../proxy/pac/pac-proxies.ts';
import type { WantedOffsets } from '../segments/wanted.ts';

/** What the engine around an operation provides (the TransferService). */
export interface OperationEnv {
  settings(): Settings;
  secret(id: string): TransferSecret | undefined;
  /** Keeps the cookies the servers set with the transfer's secrets (for the next run, also after a restart). */
  keepCookies(id: string, cookies: NonNullable<TransferSecret['cookies']>): void;
  dnsLookup?: LookupFunction | undefined;
  /** The system's proxy (the host's resolver; the environment by default). */
  systemProxy: SystemProxyResolver;
  /** The proxy setting "pac": what the PAC script chooses (proxy/pac/). */
  pacProxy?: PacResolver | undefined;
  /** True when another transfer already owns `candidate` or it exists on disk. */
  isPathTaken(candidate: string, selfId: string): boolean;
  /** A bug was caught (an impossible state change): say so loudly, without stopping the engine. */
  internalError(message: string): void;
  /** The record changed; `durable` asks for it to be written at once. */
  changed(id: string, durable: boolean, announce?: boolean): void;
  /** Resolves once every change reported so far is in the store on disk. */
  saved(): Promise<void>;
  /** The speed limits one run of this record moves its bytes under (its kind's and its own). */
  pacerFor(record: TransferRecord): Pacer;
  /** The connections each server took before it refused more. */
  hostLimits: HostLimits;
}

/** What the Operation gives its step. */
export interface StepContext {
  readonly env: OperationEnv;
  /** The record changed (durable: write it at once). */
  changed(durable: boolean): void;
  /** Bytes moved so far in this run (monotonic within an attempt): speed, progress, watchers. */
  progressed(bytes: number): void;
  /** A new attempt starts at `bytes`: the speed is measured from here. */
  attemptStarts(bytes: number): void;
  /** What was moved is thrown away (readers of the old bytes must stop). */
  startedOver(): void;
  /** Kept in the record's retry history. */
  noteRetry(error: TransferError): void;
  /** Where readers of the download wait (a segmented run starts connections there). */
  readonly wanted: WantedOffsets;
}

/** The kind's part of a snapshot. */
export type StepDescription = Pick<TransferSnapshot, 'path' | 'upload' | 'response' | 'segments' | 'checksum' | 'mirrors' | 'mirrorInUse'>;

/** After a failure that would end the transfer: another address to try (and why), or the failure to end with. */
export type AfterFailure = { kind: 'switch'; reason: string } | { kind: 'fail'; error: TransferError };

/** On a new launch, what the step says about its saved record, when the usual rule does not apply. */
export type Reattachment = { to: TransferState; reason: string; error?: TransferErrorInfo } | null;

export interface OperationStep {
  /** Bytes done that progress shows (a download: on disk; an upload: sent). */
  readonly bytesDone: number;
  /** Where the bytes on disk from `position` on end without a gap, when they are not one prefix of bytesDone. */
  readableFrom?(position: number): number;
  /** The kind's part of the snapshot. */
  describe(): StepDescription;
  /** One run, to the end: resolves with why it is complete; throws (a TransferError, or the abort reason). */
  run(signal: AbortSignal): Promise<string>;
  /**
   * Forgets all progress in the record, and returns what removes the unfinished files it forgot
   * (the caller runs it once the record no longer counts on them). `restart`: the user asked to do
   * it all again (a finished download's file stays and the new copy gets its own name).
   */
  forgetProgress(restart?: boolean): () => Promise<void>;
  /** The record was put back as it was before a command that could not be saved. */
  restored(): void;
  /** Called once at start for a saved record; may settle it (found complete, must not be re-sent). */
  reattach(saved: TransferState): Promise<Reattachment>;
  /** A failure would end the transfer: a download with mirrors may move to its next address instead (download/sources.ts). */
  afterFailure?(error: TransferError): AfterFailure;
  /** The transfer leaves the list: its leftovers go, and the finished file too if asked; true if that was deleted. */
  leave(deleteFinished: boolean): Promise<boolean>;
}

export type StepFactory = (record: TransferRecord, context: StepContext) => OperationStep;
