import type { TransferErrorInfo } from './errors.ts';
import type { Categories, CategoryId } from './categories.ts';
import type { GroupActions, GroupFiring, GroupMemberResult } from './groups.ts';

export const TRANSFER_STATES = [
  'queued',
  'running',
  'paused',
  'waitingForNetwork',
  'pausedCostedNetwork',
  'pausedBattery',
  'scheduled',
  'retrying',
  'completed',
  'canceled',
  'failed',
] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

/** States the engine moves a transfer into and out of by itself, for the network, its cost, the battery or the schedule. */
export const HELD_STATES = ['waitingForNetwork', 'pausedCostedNetwork', 'pausedBattery', 'scheduled'] as const satisfies readonly TransferState[];
export type HeldState = (typeof HELD_STATES)[number];

export function isHeld(state: TransferState): state is HeldState {
  return (HELD_STATES as readonly TransferState[]).includes(state);
}

/** States the transfer can never leave except by an explicit restart. */
export const FINAL_STATES: readonly TransferState[] = ['completed', 'canceled', 'failed'];

export const COST_POLICIES = ['unrestrictedOnly', 'default', 'always'] as const;
export type CostPolicy = (typeof COST_POLICIES)[number];

export const PRIORITIES = ['default', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** Where moveInQueue takes queued transfers. */
export const QUEUE_MOVES = ['top', 'up', 'down', 'bottom'] as const;
export type QueueMove = (typeof QUEUE_MOVES)[number];
/** Where moved transfers go: a move, or right before or after another queued transfer (a drop in the list). */
export type QueueTarget = QueueMove | { before: string } | { after: string };

export type TransferKind = 'download' | 'upload';

/** How an upload is sent: the file as the raw body, multipart/form-data, or resumable tus 1.0. */
export const UPLOAD_PROTOCOLS = ['raw', 'multipart', 'tus'] as const;
export type UploadProtocol = (typeof UPLOAD_PROTOCOLS)[number];
export const UPLOAD_METHODS = ['PUT', 'POST'] as const;
export type UploadMethod = (typeof UPLOAD_METHODS)[number];

/** What the server answered a finished (or refused) upload. */
export interface UploadResponse {
  status: number;
  /** The first 64 KiB of the body as text. */
  body: string;
  truncated: boolean;
  contentType: string | null;
  /** Where the server says the upload now is (Location), if it said. */
  location: string | null;
}

/** The upload side of a snapshot. */
export interface UploadInfo {
  protocol: UploadProtocol;
  method: UploadMethod;
  files: Array<{ path: string; name: string; size: number; field: string }>;
  fields: string[];
}

export interface RetryRecord {
  at: string;
  status: TransferErrorInfo['status'];
  httpStatus: number | null;
  message: string;
}

/** One state change of a transfer: when, from what, to what, and why in words. */
export interface StateChange {
  at: string;
  from: TransferState;
  to: TransferState;
  reason: string;
}

/** What a host or the UI sees of a transfer. Never contains secrets. */
export interface TransferSnapshot {
  id: string;
  kind: TransferKind;
  url: string;
  /** A download's destination (null until the server's answer names it); an upload's (first) file. */
  path: string | null;
  state: TransferState;
  bytesTransferred: number;
  totalBytes: number | null;
  /** Bytes per second, smoothed. */
  speed: number;
  /** Seconds to completion, null when unknown. */
  eta: number | null;
  group: string | null;
  priority: Priority;
  costPolicy: CostPolicy;
  /** Its own speed limit in bytes per second; null: only the global limit of its kind. */
  limitBytesPerSec: number | null;
  /** Not before this moment (ms since the epoch); absent or null: as soon as it may. */
  startAt?: number | null;
  error: TransferErrorInfo | null;
  retries: RetryRecord[];
  /** Its state changes, oldest first (the last 50): every automatic pause, retry and resume says why. */
  history: StateChange[];
  createdAt: string;
  /** Its place in the order transfers were added (a later one is higher, also within one batch). */
  seq: number;
  /** Its place in the queue: waiting transfers start by priority, then this (lower first); moveInQueue changes it. */
  queueOrder: number;
  completedAt: string | null;
  /** Header names sent with the request (values of sensitive ones are never shown). */
  headerNames: string[];
  hasCredentials: boolean;
  /** When a `retrying` transfer tries again (ISO time), else null. */
  retryAt: string | null;
  /** Uploads: how and what is sent; null for downloads. */
  upload: UploadInfo | null;
  /** Uploads: the server's answer once it gave one (also when it refused); null before and for downloads. */
  response: UploadResponse | null;
  /** A download fetched over several connections: how many are open, and the parts on disk; else null. */
  segments: SegmentsInfo | null;
  /** A download's checksum: the one given, or the server's; and whether the finished file matched it. */
  checksum: ChecksumInfo | null;
  /** A download's other addresses of the same file, tried in order when the one in use fails; [] for uploads. */
  mirrors: string[];
  /** The mirror the bytes come from now; null: the transfer's own `url`. */
  mirrorInUse: string | null;
  /** What kind of file it is by its name (categories.ts): the sidebar's categories. */
  category: CategoryId;
}

export interface ChecksumInfo {
  /** sha256, sha512, sha1 or md5. */
  algorithm: string;
  source: 'given' | 'server';
  verified: boolean;
}

export interface SegmentsInfo {
  connections: number;
  /** Byte ranges [start, end) on disk and flushed, in order. */
  done: Array<[number, number]>;
  /** The server refused connections beyond this many (its limit, not an error); null: it did not. */
  serverLimit: number | null;
  /** Where the connections of the run (now, or the last one since Ferry started) read from: the download's address in use, then its other addresses. */
  sources: SegmentSource[];
}

/** One address of a segmented run: its connections now, the bytes it sent, and why it serves no parts if it does not. */
export interface SegmentSource {
  address: string;
  connections: number;
  bytes: number;
  unused: string | null;
}

export type GroupBehavior = 'parallel' | 'serialized';

export interface GroupInfo {
  name: string;
  behavior: GroupBehavior;
  /** Its members are all in: once each has finished, its actions run (once). */
  closed: boolean;
  onComplete: GroupActions | null;
  /** Every member, in the order they joined; one that left the list keeps its last result. */
  members: GroupMemberResult[];
  /** Whether its actions are running now. */
  running: boolean;
  /** When its actions ran to their end (null: not yet). */
  firedAt: string | null;
  history: GroupFiring[];
  /** When its members may run, besides the settings' windows ([]: whenever those allow). */
  runWindows: WeeklySpan[];
}

export interface Settings {
  /** How many transfers run at once; the rest queue by priority then age. */
  maxConcurrent: number;
  /** Automatic retries after a transient failure. */
  retries: number;
  /** First backoff delay; doubles each retry, with jitter. */
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  /** No byte for this long: reconnect and resume. */
  stallTimeoutMs: number;
  /** Slower than this (bytes per second) for speedFloorWindowMs is a stall too; 0: no floor. */
  speedFloorBytesPerSec: number;
  speedFloorWindowMs: number;
  /** A download adds connections while they help, up to this many to one server (fewer if it refuses more). */
  maxConnectionsPerServer: number;
  /** File types and the folder each goes to when a download names none (see categories.ts). */
  categories: Categories;
  /** All downloads together at most this fast (bytes per second); 0: no limit. */
  downloadLimitBytesPerSec: number;
  /** All uploads together at most this fast; 0: no limit. */
  uploadLimitBytesPerSec: number;
  /** The alternative limits, in force instead of all others while alternativeLimitOn (0: no limit). */
  altDownloadLimitBytesPerSec: number;
  altUploadLimitBytesPerSec: number;
  /** Switched on by hand (header, tray, `ferry config set limit.alternative on`). */
  alternativeLimitOn: boolean;
  /** Limits by day and time of day, in force instead of the normal ones during their spans. */
  limitSchedule: LimitRule[];
  /** When transfers may run (the scheduler); empty: at any time. Outside them transfers wait, `scheduled`. */
  runWindows: WeeklySpan[];
  /** Default folder for downloads without a destination. */
  downloadDir: string;
  /** Keep the system awake while transfers run (desktop app). */
  preventSleep: boolean;
  theme: Theme;
  /** How much room a row takes: comfortable (two lines) or compact (for long lists). */
  density: Density;
  /** The UI's words: `system` follows the browser's or the desktop's language (German for `de-*`, else English). */
  language: LanguageSetting;
  /** Room for files dropped in the browser UI, held by the daemon until they are uploaded. */
  stagingMaxBytes: number;
  /** How many finished transfers the list keeps; beyond that the oldest leave it (files stay). */
  keepFinished: number;
  /** `auto`: the network's cost as the OS says; else this (`ferry config set network.cost metered`). */
  networkCost: NetworkCostSetting;
  /** On battery below this percentage, `default` and `unrestrictedOnly` transfers pause. */
  batteryThreshold: number;
  /** ftp:// downloads: TLS (AUTH TLS) when the server offers it, always (refused otherwise), or never. */
  ftpTls: FtpTls;
  /** Transfers without their own proxy: "system" (the OS's; the daemon's environment), "none", "pac" (the script at pacUrl chooses), or a proxy URL (shared/proxy-url.ts). */
  proxy: string;
  /** The PAC script's address (http, https or file:) for the proxy setting "pac"; empty: none. */
  pacUrl: string;
  /** Hosts reached without the proxy: names (and the names under them), IP addresses, CIDR blocks, `*`; commas or spaces between. */
  noProxy: string;
  /** Answer aria2's JSON-RPC on 127.0.0.1:aria2RpcPort at /jsonrpc (the daemon; its secret is kept apart, never a setting). */
  aria2RpcEnabled: boolean;
  aria2RpcPort: number;
  /** Web pages from these origins (e.g. where AriaNg is served) may call it too; commas or spaces between. */
  aria2RpcOrigins: string;
}

/**
 * A span of the week: on each of `days` (as Date.getDay() counts them: 0 is Sunday), from `from`
 * to `to` (local "HH:MM"; `to` may be "24:00"; a `to` before `from` runs past midnight into the
 * next day, one equal to it makes a span of 24 hours).
 */
export interface WeeklySpan {
  days: number[];
  from: string;
  to: string;
}

/** One rule of the weekly limit schedule: its span, and the limits in force during it. */
export interface LimitRule extends WeeklySpan {
  /** 0: no limit of that kind while the rule is in force. */
  downloadLimitBytesPerSec: number;
  uploadLimitBytesPerSec: number;
}

/** Which global limits are in force: precedence alternative (by hand), then schedule, then normal. */
export type LimitSource = 'normal' | 'alternative' | 'schedule';

/** The global limits in force now, and whether they hold transfers back (the header says so). */
export interface LimitStatus {
  source: LimitSource;
  /** The schedule's rules in force (source 'schedule'; when several, the lowest limit of each kind wins). */
  rules: LimitRule[];
  /** 0: no limit. */
  downloadBytesPerSec: number;
  uploadBytesPerSec: number;
  /** The kinds whose global limit made a transfer wait within about the last second. */
  binding: TransferKind[];
}

/** What using the network costs now, as the README's cost table has it (the OS says, or the user's setting). */
export const NETWORK_COSTS = ['unrestricted', 'metered', 'approaching-limit', 'roaming', 'over-limit'] as const;
export type NetworkCost = (typeof NETWORK_COSTS)[number];
/** The networkCost setting: `auto` asks the OS; anything else overrides it. */
export const NETWORK_COST_SETTINGS = ['auto', ...NETWORK_COSTS] as const;
export type NetworkCostSetting = (typeof NETWORK_COST_SETTINGS)[number];

/** What the host knows of the network and the power, as the engine's policy reads it. */
export interface Conditions {
  online: boolean;
  cost: NetworkCost;
  onBattery: boolean;
  /** 0-100, null when unknown (no battery, or the OS does not say). */
  batteryPercent: number | null;
  batterySaver: boolean;
  /** The system is going to sleep (or asleep): everything pauses until it wakes. */
  suspended: boolean;
  /** Where the facts come from, in a few words ("NetworkManager, UPower"; "setting" for the cost). */
  source: string;
}

/** The throughput history: one sample a second for five minutes (kept by the host, drawn by the UI). */
export const THROUGHPUT_SAMPLES = 300;

export const DENSITIES = ['comfortable', 'compact'] as const;
export type Density = (typeof DENSITIES)[number];

export const FTP_TLS = ['auto', 'require', 'off'] as const;
export type FtpTls = (typeof FTP_TLS)[number];

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const LANGUAGE_SETTINGS = ['system', 'en', 'de'] as const;
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];

/** What the host behind the UI can do: the desktop app or the daemon's browser UI. */
export interface HostInfo {
  /** How the UI reaches it: the desktop app's window (IPC) or a browser page on the local API (HTTP). */
  kind: 'electron' | 'daemon';
  /** Who serves it: `ferry daemon`, or the desktop app (its window, or a page on its home's local API). */
  owner: 'daemon' | 'desktop';
  version: string;
  /** Open and Show in folder work (a desktop on the same machine). */
  canOpenFiles: boolean;
  /** The browser UI offers finished files as links instead (each click asks for a one-time fileLink). */
  fileLinks: boolean;
  /** Browse… opens the system's folder dialog (chooseFolder); without it the page lists the host's folders (listFolder). */
  folderDialog: boolean;
  /**
   * How "Open while downloading" (audio and video) opens a download: `tab`, the page opens its
   * streamLink in a new tab; `app`, the host opens it in the system's browser (openWhileDownloading).
   */
  streams: 'tab' | 'app';
}

/** The most connections one download may use (the setting and `--connections`). */
export const MAX_CONNECTIONS = 64;
/** The most of a cookies.txt a request carries (a browser's whole export is a few hundred KiB). */
export const COOKIE_JAR_MAX_CHARS = 4 * 1024 * 1024;

export const SETTING_LIMITS = {
  maxConcurrent: { min: 1, max: 200 },
  retries: { min: 0, max: 100 },
} as const;

/** A file dropped in the browser UI, streamed to the daemon (PUT /api/staging) for an upload. */
export interface StagedFile {
  id: string;
  name: string;
  size: number;
  sha256: string;
}
