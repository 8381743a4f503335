// The one contract between the engine's hosts (Electron IPC, daemon WebSocket/HTTP) and clients.
import * as z from 'zod/mini';
import './zod-messages.ts';
import { COST_POLICIES, QUEUE_MOVES, type QueueTarget, type Conditions, type LimitStatus, type CostPolicy, type GroupInfo, type HostInfo, type WeeklySpan, type Settings, type TransferSnapshot } from './model.ts';
import {
  ClearOptionsSchema,
  DownloadRequestSchema,
  GroupRequestSchema,
  BrowserGroupRequestSchema,
  GroupNameSchema,
  IdSchema,
  RunWindowsSchema,
  RemoveOptionsSchema,
  RateSchema,
  SettingsPatchSchema,
  UploadRequestSchema,
  type ClearOptions,
  type UploadRequest,
  type DownloadRequest,
  type GroupRequest,
  type RemoveOptions,
  type SettingsPatch,
} from './schemas.ts';
import type { TransferErrorInfo } from './errors.ts';
import { BROWSERS, type BrowserId, type BrowserIntegration } from './browser-extension.ts';
import type { FolderListing, ListFolderOptions } from './folders.ts';
import { WHEN_DONE_CHOICES, type WhenDoneChoice, type WhenDoneStatus } from './when-done.ts';
import type { GroupNotice } from './groups.ts';
import type { NamedActionList } from './named-actions.ts';

/** What the engine (TransferService) provides. */
export interface EngineApi {
  createDownload(request: DownloadRequest): Promise<TransferSnapshot>;
  /** Several at once, checked together and saved together (all or none). */
  createDownloads(requests: DownloadRequest[]): Promise<TransferSnapshot[]>;
  /** Queues an upload of files on the host's disk (or staged by the browser UI, see StagedFile). */
  createUpload(request: UploadRequest): Promise<TransferSnapshot>;
  listTransfers(): Promise<TransferSnapshot[]>;
  getTransfer(id: string): Promise<TransferSnapshot>;
  pause(id: string): Promise<TransferSnapshot>;
  resume(id: string): Promise<TransferSnapshot>;
  cancel(id: string): Promise<TransferSnapshot>;
  restart(id: string): Promise<TransferSnapshot>;
  /** Takes a transfer off the list (one still running is stopped and its partial file deleted). */
  remove(id: string, options?: RemoveOptions): Promise<{ id: string; fileDeleted: boolean }>;
  /** Takes the completed transfers (or those in `states`) off the list; their files stay. The ids. */
  clearFinished(options?: ClearOptions): Promise<string[]>;
  /** Total bytes per second, once a second, for the last five minutes (oldest first). */
  getThroughput(): Promise<number[]>;
  /** The network and power as the engine's policy reads them now. */
  getConditions(): Promise<Conditions>;
  /** The global speed limits in force (normal, alternative or the schedule's) and which hold transfers back. */
  getLimits(): Promise<LimitStatus>;
  /** Changes a transfer's cost policy (the UI's "Download anyway" sets `always`). */
  setCostPolicy(id: string, policy: CostPolicy): Promise<TransferSnapshot>;
  /** A scheduled transfer goes now: its start time is dropped and the time windows no longer hold it. */
  startNow(id: string): Promise<TransferSnapshot>;
  /**
   * Moves queued transfers to the top or the bottom of the queue, or one place up or down; they
   * keep their order among themselves. Passing one of another priority gives them that priority.
   * `{before: id}` or `{after: id}` puts them next to that queued transfer, with its priority.
   */
  moveInQueue(ids: string[], move: QueueTarget): Promise<TransferSnapshot[]>;
  /** Sets a transfer's own speed limit in bytes per second (null or 0: none); a running one follows at once. */
  setLimit(id: string, bytesPerSec: number | null): Promise<TransferSnapshot>;
  /**
   * Gives a (paused or failed) download a new address: it continues from its bytes on disk if the
   * address serves the same file, else it is refused unless `startOver` (which drops them).
   */
  setUrl(id: string, url: string, options?: { startOver?: boolean }): Promise<TransferSnapshot>;
  /** True once every transfer in `ids` ended (null: once nothing is queued, running or waiting); false after timeoutMs. */
  waitUntilSettled(ids: string[] | null, timeoutMs: number): Promise<boolean>;
  getSettings(): Promise<Settings>;
  /** What is wrong with a folder for downloads (in words), or null when it can be used or made. */
  checkFolder(dir: string): Promise<string | null>;
  setSettings(patch: SettingsPatch): Promise<Settings>;
  /** Makes a group, or changes one whose actions have not run yet (its members stay). */
  createGroup(request: GroupRequest): Promise<GroupInfo>;
  /** The named actions of the host's actions file a group may pick: names and descriptions, never a program. */
  listNamedActions(): Promise<NamedActionList>;
  /** Its members are all in: once each has finished, its actions run, once. */
  closeGroup(name: string): Promise<GroupInfo>;
  /** When a group's members may run, besides the settings' windows ([]: whenever those allow); closed groups too. */
  setGroupWindows(name: string, windows: WeeklySpan[]): Promise<GroupInfo>;
  listGroups(): Promise<GroupInfo[]>;
  /** "When everything is done": the choice, and the countdown while it runs. */
  getWhenDone(): Promise<WhenDoneStatus>;
  /**
   * Chooses what happens once no transfer is running, queued or waiting to retry (after a 60 s
   * countdown; 'nothing' cancels). One-shot, not saved. Never from the browser extension.
   */
  setWhenDone(choice: WhenDoneChoice): Promise<WhenDoneStatus>;
}

/** What each host adds around the engine. */
export interface HostApi {
  getHostInfo(): Promise<HostInfo>;
  /** Opens a finished file with its default application (desktop only). */
  openFile(id: string): Promise<void>;
  /** Shows the file in its folder (desktop only). */
  revealFile(id: string): Promise<void>;
  /** A one-time URL that downloads a finished file from the daemon (its browser UI; see fileLinks). */
  fileLink(id: string): Promise<string>;
  /**
   * A URL that serves a download's bytes as they arrive, with Range (the browser UI's "Open while
   * downloading", `ferry cat`); good for that transfer while it is used. Hosts with fileLinks only.
   */
  streamLink(id: string): Promise<string>;
  /**
   * The desktop window's "Open while downloading": the app makes a stream link on its own local API
   * and the system's browser opens it (the window opens no other page). Desktop only.
   */
  openWhileDownloading(id: string): Promise<void>;
  /** The browsers found for this user on the host's machine, each with whether Ferry's native host is installed for it. */
  listBrowserIntegrations(): Promise<BrowserIntegration[]>;
  /**
   * Installs (true) or removes (false) Ferry's native host for a browser found there, as
   * `ferry integrate` does. The desktop window, the CLI and the daemon's logged-in browser UI may;
   * the extension cannot (its native host answers only its own few messages).
   */
  setBrowserIntegration(browser: BrowserId, installed: boolean): Promise<BrowserIntegration>;
  /**
   * The system's folder dialog, opened at `start` (the desktop app, see HostInfo.folderDialog): the
   * folder chosen, or null when the dialog was closed.
   */
  chooseFolder(start: string | null): Promise<string | null>;
  /**
   * The subfolders of `dir` (a full path; null: the download folder, or the nearest folder above it
   * that exists), for the browser UI's folder chooser. Hosts without folderDialog only.
   */
  listFolder(dir: string | null, options?: ListFolderOptions): Promise<FolderListing>;
  /** Makes the folder `name` in `parent` and lists it (the chooser's "New folder"). */
  makeFolder(parent: string, name: string): Promise<FolderListing>;
}

export type FerryApi = EngineApi & HostApi;
export type ApiMethod = keyof FerryApi;
export type ApiArgs<M extends ApiMethod> = Parameters<FerryApi[M]>;
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<FerryApi[M]>>;

const FolderPathSchema = z.string().check(z.maxLength(4096));

/** Runtime argument schemas; every host validates with these where a call enters it. */
export const apiArgSchemas = {
  createDownload: z.tuple([DownloadRequestSchema]),
  createDownloads: z.tuple([z.array(DownloadRequestSchema).check(z.minLength(1), z.maxLength(1000))]),
  createUpload: z.tuple([UploadRequestSchema]),
  listTransfers: z.tuple([]),
  getTransfer: z.tuple([IdSchema]),
  pause: z.tuple([IdSchema]),
  resume: z.tuple([IdSchema]),
  cancel: z.tuple([IdSchema]),
  restart: z.tuple([IdSchema]),
  remove: z.union([z.tuple([IdSchema]), z.tuple([IdSchema, RemoveOptionsSchema])]),
  clearFinished: z.union([z.tuple([]), z.tuple([ClearOptionsSchema])]),
  getThroughput: z.tuple([]),
  getConditions: z.tuple([]),
  getLimits: z.tuple([]),
  setCostPolicy: z.tuple([IdSchema, z.enum(COST_POLICIES)]),
  startNow: z.tuple([IdSchema]),
  setLimit: z.tuple([IdSchema, z.nullable(RateSchema)]),
  moveInQueue: z.tuple([z.array(IdSchema).check(z.minLength(1), z.maxLength(10_000)), z.union([z.enum(QUEUE_MOVES), z.strictObject({ before: IdSchema }), z.strictObject({ after: IdSchema })])]),
  setUrl: z.union([z.tuple([IdSchema, z.string().check(z.minLength(1), z.maxLength(8192))]), z.tuple([IdSchema, z.string().check(z.minLength(1), z.maxLength(8192)), z.strictObject({ startOver: z.optional(z.boolean()) })])]),
  waitUntilSettled: z.tuple([z.nullable(z.array(IdSchema).check(z.minLength(1), z.maxLength(10_000))), z.int().check(z.gte(0), z.lte(60_000))]),
  getSettings: z.tuple([]),
  checkFolder: z.tuple([z.string().check(z.maxLength(4096))]),
  setSettings: z.tuple([SettingsPatchSchema]),
  createGroup: z.tuple([GroupRequestSchema]),
  closeGroup: z.tuple([GroupNameSchema]),
  setGroupWindows: z.tuple([GroupNameSchema, RunWindowsSchema]),
  listGroups: z.tuple([]),
  listNamedActions: z.tuple([]),
  getWhenDone: z.tuple([]),
  setWhenDone: z.tuple([z.enum(WHEN_DONE_CHOICES)]),
  getHostInfo: z.tuple([]),
  openFile: z.tuple([IdSchema]),
  revealFile: z.tuple([IdSchema]),
  fileLink: z.tuple([IdSchema]),
  streamLink: z.tuple([IdSchema]),
  openWhileDownloading: z.tuple([IdSchema]),
  listBrowserIntegrations: z.tuple([]),
  setBrowserIntegration: z.tuple([z.enum(BROWSERS), z.boolean()]),
  chooseFolder: z.tuple([z.nullable(FolderPathSchema)]),
  listFolder: z.union([z.tuple([z.nullable(FolderPathSchema)]), z.tuple([z.nullable(FolderPathSchema), z.strictObject({ hidden: z.optional(z.boolean()) })])]),
  makeFolder: z.tuple([FolderPathSchema, z.string().check(z.maxLength(1024))]),
} satisfies { [M in ApiMethod]: z.ZodMiniType<ApiArgs<M>> };

/** Where a browser page's calls are held to more than the host's own (the daemon's WebSocket and its session RPC). */
export const browserArgSchemas: { [M in ApiMethod]?: z.ZodMiniType<ApiArgs<M>> } = {
  createGroup: z.tuple([BrowserGroupRequestSchema]),
};

export const API_METHODS = Object.keys(apiArgSchemas) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(apiArgSchemas, name);
}

/** Events pushed from a host to its clients. Progress is batched (about 10/s for the whole list). */
export interface FerryEvents {
  transfersChanged: TransferSnapshot[];
  /** Ids of transfers that left the list (removed, cleared, or beyond keepFinished). */
  transfersRemoved: string[];
  settingsChanged: Settings;
  /** The network or the power changed (or the networkCost setting). */
  conditionsChanged: Conditions;
  /** The limits in force changed, or one started or stopped holding transfers back. */
  limitsChanged: LimitStatus;
  /** A group changed: a member joined or ended, it was closed, its actions ran. */
  groupsChanged: GroupInfo[];
  /** The when-done choice changed, or its countdown started or stopped. */
  whenDoneChanged: WhenDoneStatus;
  /** A group with the notify action finished (the daemon tells its browser pages; the desktop app shows its own notification). */
  groupNotice: GroupNotice;
}
export type EventName = keyof FerryEvents;

/** A client's view of a host: every API method plus event subscription. This is `window.ferry`. */
export interface FerryBridge extends FerryApi {
  on<E extends EventName>(event: E, listener: (payload: FerryEvents[E]) => void): () => void;
  /**
   * The desktop app only: where a dropped or picked file is on disk (Electron's
   * webUtils.getPathForFile; File.path is gone since Electron 32). The browser has no such thing:
   * its files are staged on the daemon instead.
   */
  pathForFile?(file: File): string;
}

/** Messages on the daemon's WebSocket. */
export type WsClientMessage = { id: number; method: string; args: unknown[] };
export type WsServerMessage =
  | { id: number; result: unknown }
  | { id: number; error: TransferErrorInfo }
  | { event: EventName; payload: unknown };

/** The shape of a failed call on any wire. */
export interface ApiErrorPayload {
  error: TransferErrorInfo;
}
