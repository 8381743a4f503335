// zod schemas for every value that crosses a process boundary (IPC, WebSocket, HTTP RPC).
import * as z from 'zod/mini';
import './zod-messages.ts';
import { onFirstUse } from './on-first-use.ts';
import { CategoriesSchema } from './categories.ts';
import { COOKIE_JAR_MAX_CHARS, COST_POLICIES, DENSITIES, FTP_TLS, LANGUAGE_SETTINGS, MAX_CONNECTIONS, NETWORK_COST_SETTINGS, PRIORITIES, SETTING_LIMITS, THEMES, UPLOAD_METHODS, UPLOAD_PROTOCOLS } from './model.ts';
import { NO_PROXY, pacUrlProblem, proxySettingProblem, proxyUrlProblem } from './proxy-url.ts';
import { originListProblem } from './web-origins.ts';
import { MAX_MIRRORS } from './mirrors.ts';
import { ActionNameSchema } from './named-actions.ts';

export const IdSchema = onFirstUse(() => z.string().check(z.minLength(1), z.maxLength(100)));

const HeaderName = onFirstUse(() => z.string().check(z.regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid HTTP header name')));
const HeaderValue = onFirstUse(() => z.string().check(z.refine((v) => !/[\r\n\0]/.test(v), 'header values cannot contain line breaks')));

/**
 * Request headers are bounded as servers bound them (nginx, Apache and Node refuse far less): one
 * "Name: value" line at most 16 KiB, all of a request's (its cookie and login included) at most
 * 64 KiB. A megabyte header would only be refused by the server, after costing a rewrite of the
 * secrets file on every save.
 */
export const HEADER_MAX_BYTES = 16 * 1024;
export const HEADERS_MAX_BYTES = 64 * 1024;

function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00) {
      bytes += 4; // a surrogate pair: one four-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const kib = (bytes: number): string => `${Number((bytes / 1024).toFixed(1))} KiB`;
const lineBytes = (name: string, value: string): number => utf8Bytes(name) + 2 + utf8Bytes(value);

/** The first header line over HEADER_MAX_BYTES, or all of them over HEADERS_MAX_BYTES, in words; else null. */
function tooBig(lines: Iterable<[name: string, bytes: number]>): string | null {
  let total = 0;
  for (const [name, bytes] of lines) {
    if (bytes > HEADER_MAX_BYTES) return `the header ${name.slice(0, 100)} is ${kib(bytes)}; a header may be at most ${kib(HEADER_MAX_BYTES)}`;
    total += bytes;
  }
  return total > HEADERS_MAX_BYTES ? `the headers are ${kib(total)} in all; a request's headers may be at most ${kib(HEADERS_MAX_BYTES)}` : null;
}

const headerLines = (headers: Record<string, string> = {}): Array<[string, number]> => Object.entries(headers).map(([name, value]) => [name, lineBytes(name, value)]);

/** What a request sends as headers: its own, its cookie and its login (Basic auth: base64, a third longer). */
function requestHeaderLines(request: { headers?: Record<string, string> | undefined; cookie?: string | undefined; credential?: string | undefined }): Array<[string, number]> {
  const lines = headerLines(request.headers);
  if (request.cookie !== undefined) lines.push(['Cookie', lineBytes('Cookie', request.cookie)]);
  if (request.credential !== undefined) lines.push(['Authorization (the --user login)', 'Authorization: Basic '.length + Math.ceil(utf8Bytes(request.credential) / 3) * 4]);
  return lines;
}

/** A zod check: the header lines `lines` finds in a value fit the bounds above (`path`: where to say the problem is). */
function boundedHeaders<T>(lines: (value: T) => Iterable<[string, number]>, path: string[] = []) {
  return z.superRefine<T>((value, ctx) => {
    const problem = tooBig(lines(value));
    // A fresh path each time: zod puts the parents' keys in front of it, in place.
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value, path: [...path] });
  });
}

export const ChecksumSchema = onFirstUse(() => z
  .string()
  .check(
    z.regex(
      /^(sha256:[0-9a-fA-F]{64}|sha512:[0-9a-fA-F]{128}|sha1:[0-9a-fA-F]{40}|md5:[0-9a-fA-F]{32})$/,
      'checksum must look like ALGORITHM:HEX, with sha256 (64 hex digits), sha512 (128), sha1 (40) or md5 (32)',
    ),
  ));

/** A speed limit in bytes per second (0: none, where a setting). */
export const RateSchema = onFirstUse(() => z.int().check(z.gte(0), z.lte(1_000_000_000_000)));

const TimeOfDay = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The fields of a span of the week (model.ts WeeklySpan); `what` names it in the messages. */
function weeklySpanFields(what: string) {
  return {
    days: z.array(z.int().check(z.gte(0), z.lte(6))).check(
      z.minLength(1, `${what} needs at least one day`),
      z.refine((days) => new Set(days).size === days.length, `${what} names each day once`),
    ),
    from: z.string().check(z.regex(TimeOfDay, `${what} starts at a time such as 09:00`)),
    to: z.string().check(z.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, `${what} ends at a time such as 18:00 (or 24:00)`)),
  };
}

/** A rule of the weekly limit schedule (model.ts LimitRule). */
export const LimitRuleSchema = onFirstUse(() => z.strictObject({
  ...weeklySpanFields('a schedule rule'),
  downloadLimitBytesPerSec: RateSchema,
  uploadLimitBytesPerSec: RateSchema,
}));

/** A window of the week when transfers may run (Settings' runWindows). */
export const RunWindowSchema = onFirstUse(() => z.strictObject(weeklySpanFields('a time window')));
/** The time windows of the settings or of a group. */
export const RunWindowsSchema = onFirstUse(() => z.array(RunWindowSchema).check(z.maxLength(100, 'at most 100 time windows')));

/** "system", "none", "pac" or a proxy URL without a password (shared/proxy-url.ts). */
const ProxySetting = onFirstUse(() => z.string().check(z.superRefine<string>((value, ctx) => {
  const problem = proxySettingProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
})));

/** A transfer's own proxy: "none" (direct) or a proxy URL (its user:password is taken as the proxy credential). */
const TransferProxy = onFirstUse(() => z.string().check(z.maxLength(4096), z.superRefine<string>((value, ctx) => {
  const problem = value === NO_PROXY ? null : proxyUrlProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `proxy must be "none" or a proxy URL: ${problem}`, input: value });
})));

/** What every kind of transfer request takes besides its own fields. */
const commonRequestFields = () => ({
  url: z.string().check(z.minLength(1), z.maxLength(16_384)),
  /** Bounded with the cookie and the credential (see requestHeaders). */
  headers: z.optional(z.record(HeaderName, HeaderValue)),
  /** Server credential as "user:password". Stored encrypted/0600, never shown back. */
  credential: z.optional(z.string().check(z.includes(':'))),
  cookie: z.optional(HeaderValue),
  /** The text of a Netscape cookies.txt (`--cookie-jar FILE`): the transfer's jar starts with it. A secret. */
  cookieJar: z.optional(z.string().check(z.maxLength(COOKIE_JAR_MAX_CHARS))),
  proxy: z.optional(TransferProxy),
  /** The proxy's credential as "user:password": a secret like `credential`. */
  proxyCredential: z.optional(z.string().check(z.includes(':'), z.maxLength(4096))),
  costPolicy: z.optional(z.enum(COST_POLICIES)),
  priority: z.optional(z.enum(PRIORITIES)),
  group: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /** This transfer at most this fast, besides the global limit of its kind (0: none of its own). */
  limitBytesPerSec: z.optional(RateSchema),
  /** Not before this moment (ms since the epoch; `ferry add --at 02:00`): until then it waits, `scheduled`. */
  startAt: z.optional(z.int().check(z.gte(0), z.lte(8_640_000_000_000_000))),
});

export const DownloadRequestSchema = onFirstUse(() => z.strictObject({
  ...commonRequestFields(),
  /** Exact destination file; replaced when the download completes. */
  path: z.optional(z.string().check(z.minLength(1))),
  /** Destination folder; the name comes from the server or the URL. */
  dir: z.optional(z.string().check(z.minLength(1))),
  /** A fixed number of connections (1: one); absent: as many as help, up to the per-server setting. */
  connections: z.optional(z.int().check(z.gte(1), z.lte(MAX_CONNECTIONS))),
  checksum: z.optional(ChecksumSchema),
  /** Other addresses of the same file, tried in order when the one in use fails (shared/mirrors.ts). */
  mirrors: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(16_384))).check(z.maxLength(MAX_MIRRORS, `give at most ${MAX_MIRRORS} mirrors`))),
}).check(boundedHeaders(requestHeaderLines, ['headers'])));
export type DownloadRequest = z.infer<typeof DownloadRequestSchema>;

const UploadFileRequestSchema = onFirstUse(() => z.strictObject({
  /** A file on the host's disk (the CLI, the desktop app) ... */
  path: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
  /** ... or one the browser UI staged on the daemon (PUT /api/staging). */
  staged: z.optional(z.string().check(z.regex(/^[0-9a-f-]{36}$/, 'not a staged file id'))),
  /** Multipart: the form field (default "file"). */
  field: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /** The file name the server is told (default: the file's own). */
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
  contentType: z.optional(z.string().check(z.minLength(1), z.maxLength(200), z.refine((v) => !/[\r\n\0]/.test(v), 'no line breaks'))),
  /** Multipart: extra headers of this part. */
  headers: z.optional(z.record(HeaderName, HeaderValue).check(boundedHeaders(headerLines))),
}));
export type UploadFileRequest = z.infer<typeof UploadFileRequestSchema>;

export const UploadRequestSchema = onFirstUse(() => z.strictObject({
  ...commonRequestFields(),
  files: z.array(UploadFileRequestSchema).check(z.minLength(1, 'give at least one file to upload'), z.maxLength(1000)),
  /** raw (default): the file is the body; multipart: form-data; tus: resumable tus 1.0. */
  protocol: z.optional(z.enum(UPLOAD_PROTOCOLS)),
  /** raw: PUT (default) or POST; multipart: POST (default) or PUT; tus creates with POST itself. */
  method: z.optional(z.enum(UPLOAD_METHODS)),
  /** Multipart: string fields, in order. */
  fields: z.optional(z.array(z.strictObject({ name: z.string().check(z.minLength(1), z.maxLength(200)), value: z.string().check(z.maxLength(1_000_000)) })).check(z.maxLength(1000))),
}).check(boundedHeaders(requestHeaderLines, ['headers'])));
export type UploadRequest = z.infer<typeof UploadRequestSchema>;

export const SettingsPatchSchema = onFirstUse(() => z.strictObject({
  maxConcurrent: z.optional(z.int().check(z.gte(SETTING_LIMITS.maxConcurrent.min), z.lte(SETTING_LIMITS.maxConcurrent.max))),
  retries: z.optional(z.int().check(z.gte(SETTING_LIMITS.retries.min), z.lte(SETTING_LIMITS.retries.max))),
  retryBaseDelayMs: z.optional(z.int().check(z.gte(0), z.lte(3_600_000))),
  retryMaxDelayMs: z.optional(z.int().check(z.gte(0), z.lte(86_400_000))),
  connectTimeoutMs: z.optional(z.int().check(z.gte(100), z.lte(3_600_000))),
  responseTimeoutMs: z.optional(z.int().check(z.gte(100), z.lte(3_600_000))),
  stallTimeoutMs: z.optional(z.int().check(z.gte(100), z.lte(3_600_000))),
  speedFloorBytesPerSec: z.optional(z.int().check(z.gte(0), z.lte(1_000_000_000))),
  speedFloorWindowMs: z.optional(z.int().check(z.gte(1000), z.lte(3_600_000))),
  maxConnectionsPerServer: z.optional(z.int().check(z.gte(1), z.lte(MAX_CONNECTIONS))),
  categories: z.optional(CategoriesSchema),
  downloadLimitBytesPerSec: z.optional(RateSchema),
  uploadLimitBytesPerSec: z.optional(RateSchema),
  altDownloadLimitBytesPerSec: z.optional(RateSchema),
  altUploadLimitBytesPerSec: z.optional(RateSchema),
  alternativeLimitOn: z.optional(z.boolean()),
  limitSchedule: z.optional(z.array(LimitRuleSchema).check(z.maxLength(100, 'the schedule takes at most 100 rules'))),
  runWindows: z.optional(RunWindowsSchema),
  downloadDir: z.optional(z.string().check(z.minLength(1))),
  preventSleep: z.optional(z.boolean()),
  theme: z.optional(z.enum(THEMES)),
  density: z.optional(z.enum(DENSITIES)),
  language: z.optional(z.enum(LANGUAGE_SETTINGS)),
  stagingMaxBytes: z.optional(z.int().check(z.gte(0), z.lte(2 ** 50))),
  keepFinished: z.optional(z.int().check(z.gte(1), z.lte(100_000))),
  networkCost: z.optional(z.enum(NETWORK_COST_SETTINGS)),
  batteryThreshold: z.optional(z.int().check(z.gte(0), z.lte(100))),
  ftpTls: z.optional(z.enum(FTP_TLS)),
  proxy: z.optional(ProxySetting),
  pacUrl: z.optional(z.string().check(z.maxLength(4096), z.superRefine<string>((value, ctx) => {
    const problem = pacUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `pacUrl: ${problem}`, input: value });
  }))),
  noProxy: z.optional(z.string().check(z.maxLength(16_384))),
  aria2RpcEnabled: z.optional(z.boolean()),
  aria2RpcPort: z.optional(z.int().check(z.gte(1), z.lte(65_535))),
  aria2RpcOrigins: z.optional(z.string().check(z.maxLength(4096), z.superRefine<string>((value, ctx) => {
    const problem = originListProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `aria2RpcOrigins: ${problem}`, input: value });
  }))),
}));
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const RemoveOptionsSchema = onFirstUse(() => z.strictObject({
  /** Also delete the finished file (only the file Ferry wrote; a moved or replaced one stays). */
  deleteFile: z.optional(z.boolean()),
}));
export type RemoveOptions = z.infer<typeof RemoveOptionsSchema>;

/** Which finished transfers `clearFinished` takes off the list: the completed ones unless told. */
export const ClearOptionsSchema = onFirstUse(() => z.strictObject({
  states: z.optional(z.array(z.enum(['completed', 'canceled', 'failed'])).check(z.minLength(1))),
}));
export type ClearOptions = z.infer<typeof ClearOptionsSchema>;

export const GroupNameSchema = onFirstUse(() => z.string().check(z.minLength(1), z.maxLength(200)));

/** A program and its words (split by the caller as a shell would; run without a shell). */
const ProgramWords = onFirstUse(() => z.array(z.string().check(z.maxLength(8192), z.refine((w) => !w.includes('\0'), 'no NUL in a word'))).check(z.minLength(1), z.maxLength(256), z.refine((words) => words[0] !== '', 'the program is empty')));

const GroupActionsSchema = onFirstUse(() => z.strictObject({
  run: z.optional(z.nullable(ProgramWords)),
  moveTo: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(4096)))),
  openFolder: z.optional(z.boolean()),
  notify: z.optional(z.boolean()),
  /** A program picked by name among the host's actions file (a browser page may: it names no program). */
  action: z.optional(z.nullable(ActionNameSchema)),
  /** Changing a group: keep the program it runs now (however it was set; a browser page may ask this, it names none). */
  keepRun: z.optional(z.boolean()),
}));

export const GroupRequestSchema = onFirstUse(() => z.strictObject({
  name: GroupNameSchema,
  behavior: z.optional(z.enum(['parallel', 'serialized'])),
  onComplete: z.optional(GroupActionsSchema),
}));
export type GroupRequest = z.infer<typeof GroupRequestSchema>;

/** A browser page may make groups but never name a program to run (only the CLI, the desktop app and the settings file may). */
export const BROWSER_PROGRAM_REFUSAL = 'a program to run after a group is set only with the ferry command, the desktop app or the settings file, never from a browser page';
export const BrowserGroupRequestSchema = onFirstUse(() => GroupRequestSchema.check(z.refine((request) => !request.onComplete?.run, { message: BROWSER_PROGRAM_REFUSAL, path: ['onComplete', 'run'] })));
