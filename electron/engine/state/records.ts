// What the engine persists about each transfer. Validated on load so a damaged store is caught.
import * as z from 'zod/mini';
import '../../../shared/zod-messages.ts';
import { onFirstUse } from '../../../shared/on-first-use.ts';
import { COST_POLICIES, PRIORITIES, TRANSFER_STATES, UPLOAD_METHODS, UPLOAD_PROTOCOLS } from '../../../shared/model.ts';
import { ERROR_STATUSES } from '../../../shared/errors.ts';
import { STATE_VERSION } from './state-migrations.ts';
import { ProtocolFactsSchema } from '../protocols/protocol-facts.ts';

const ErrorInfoSchema = onFirstUse(() => z.object({
  status: z.enum(ERROR_STATUSES),
  message: z.string(),
  httpStatus: z.nullable(z.number()),
}));

const RetrySchema = onFirstUse(() => z.object({ at: z.string(), status: z.enum(ERROR_STATUSES), httpStatus: z.nullable(z.number()), message: z.string() }));
const StateChangeSchema = onFirstUse(() => z.object({ at: z.string(), from: z.enum(TRANSFER_STATES), to: z.enum(TRANSFER_STATES), reason: z.string() }));
const FileIdentitySchema = onFirstUse(() => z.object({ dev: z.number(), ino: z.number(), birth: z.number() }));

/** What every transfer keeps, whatever its kind: the lifecycle's fields (see operation/operation.ts). */
const commonRecordFields = () => ({
  id: z.string(),
  /** Creation order (the list's, and `ferry ls`'s). */
  seq: z.number(),
  /** Its place in the queue: ties in priority start in this order (policy/queue-order.ts); the user may move it. */
  queueOrder: z.number(),
  url: z.string(),
  state: z.enum(TRANSFER_STATES),
  priority: z.enum(PRIORITIES),
  costPolicy: z.enum(COST_POLICIES),
  group: z.nullable(z.string()),
  /** Non-secret request headers. Authorization, cookies and credentials live in the secret store. */
  headers: z.record(z.string(), z.string()),
  secretHeaderNames: z.array(z.string()),
  hasCredential: z.boolean(),
  /** The transfer's own proxy (its URL without credential, or "none"); absent: the proxy setting's. */
  proxy: z.optional(z.string()),
  totalBytes: z.nullable(z.number()),
  /** What the transfer's protocol keeps to continue it (HTTP's validators, tus's upload URL): its own schema. */
  protocolState: z.nullable(ProtocolFactsSchema),
  /** Its own speed limit in bytes per second (null: only the global one of its kind). */
  limitBytesPerSec: z.nullable(z.number()),
  /** Not before this moment (ms since the epoch); absent or null: as soon as it may (policy/schedule-hold.ts). */
  startAt: z.optional(z.nullable(z.number())),
  /** "Start now" was asked: the settings' time windows do not hold it. */
  runAnytime: z.optional(z.boolean()),
  error: z.nullable(ErrorInfoSchema),
  retries: z.array(RetrySchema),
  /** State changes, oldest first (bounded): see Operation.transition. */
  history: z.array(StateChangeSchema),
  createdAt: z.string(),
  completedAt: z.nullable(z.string()),
});

export const DownloadRecordSchema = onFirstUse(() => z.object({
  ...commonRecordFields(),
  kind: z.literal('download'),
  /** Exact destination given by the user (-o), or null. */
  requestedPath: z.nullable(z.string()),
  /** Folder the name is chosen in when requestedPath is null. */
  dir: z.string(),
  /** No folder was given: the file's category may name one (Settings' categories) once its name is known. */
  dirByCategory: z.boolean(),
  /** Resolved destination; null until the server's first answer names it. */
  path: z.nullable(z.string()),
  /** Connections to fetch it with; null: as many as help (see segments/). */
  connections: z.nullable(z.number()),
  checksum: z.nullable(z.string()),
  /** Other addresses of the same file, tried in order after `url` (see download/sources.ts). */
  mirrors: z.array(z.string()),
  /** The address the bytes come from now: 0 `url`, n the nth mirror. */
  source: z.number(),
  /**
   * The address in use replaced another (a mirror took over, or set-url) and has not answered
   * yet: the bytes on disk came from elsewhere, kept only as download/same-file.ts allows.
   */
  newAddress: z.boolean(),
  /**
   * Bytes on disk from one address were continued from another on the strength of the checksum
   * given (same size, no shared validator): the checksum, checked at the end, is their only proof.
   */
  vouchedByChecksum: z.boolean(),
  /** The checksum the server sent with the file ("sha256:hex"), checked when none was given. */
  serverDigest: z.nullable(z.string()),
  /** Whose checksum the finished file was checked against, once it was. */
  verified: z.nullable(z.enum(['given', 'server'])),
  /** Bytes fsynced to the part file: a checkpoint never claims more than is on disk. */
  bytesDurable: z.number(),
  /**
   * A segmented download's fsynced ranges [start, end) of its part file (their bytes add up to
   * bytesDurable); null: the download is one prefix of bytesDurable bytes.
   */
  doneRanges: z.nullable(z.array(z.tuple([z.number(), z.number()]))),
  /**
   * The part file Ferry created (device and inode; the finished file keeps them): a file at that
   * name that is not this one (a planted link, a swapped file) is never written or served.
   * Null before the part file exists (and in records written before it was kept).
   */
  partIdentity: z.nullable(FileIdentitySchema),
  /** An encoding the server applied that is undone when the file is complete (see content-encoding.ts). */
  decodeOnFinish: z.nullable(z.string()),
  /** Set while the finished part file is being renamed into place. */
  finalizing: z.boolean(),
}));
export type DownloadRecord = z.infer<typeof DownloadRecordSchema>;

/** One file of an upload, as it was when the upload was created: a change later is ResourceChanged. */
export const UploadFileSchema = onFirstUse(() => z.object({
  path: z.string(),
  /** Multipart: the form field; raw and tus: unused. */
  field: z.string(),
  /** The name the server is told (multipart filename, tus metadata). */
  name: z.string(),
  contentType: z.string(),
  /** Extra headers of its multipart part. */
  partHeaders: z.record(z.string(), z.string()),
  size: z.number(),
  mtimeMs: z.number(),
}));
export type UploadFile = z.infer<typeof UploadFileSchema>;

export const UploadResponseSchema = onFirstUse(() => z.object({
  status: z.number(),
  /** The first 64 KiB of the body, as text (UTF-8, invalid bytes replaced). */
  body: z.string(),
  truncated: z.boolean(),
  contentType: z.nullable(z.string()),
  location: z.nullable(z.string()),
}));

export const UploadRecordSchema = onFirstUse(() => z.object({
  ...commonRecordFields(),
  kind: z.literal('upload'),
  /** raw: the file is the body; multipart: form-data with files and fields; tus: resumable (tus 1.0). */
  protocol: z.enum(UPLOAD_PROTOCOLS),
  method: z.enum(UPLOAD_METHODS),
  files: z.array(UploadFileSchema).check(z.minLength(1)),
  fields: z.array(z.object({ name: z.string(), value: z.string() })),
  /** Bytes the server has confirmed (tus: its Upload-Offset); raw and multipart start at 0 each time. */
  bytesConfirmed: z.number(),
  /** The files are copies the host made for this upload (a browser's drop), removed when it leaves the list. */
  ownsFiles: z.boolean(),
  response: z.nullable(UploadResponseSchema),
}));
export type UploadRecord = z.infer<typeof UploadRecordSchema>;

export const TransferRecordSchema = onFirstUse(() => z.discriminatedUnion('kind', [DownloadRecordSchema, UploadRecordSchema]));
export type TransferRecord = DownloadRecord | UploadRecord;

const MemberResultSchema = onFirstUse(() => z.object({
  id: z.string(),
  kind: z.enum(['download', 'upload']),
  url: z.string(),
  path: z.nullable(z.string()),
  state: z.enum(TRANSFER_STATES),
  error: z.nullable(ErrorInfoSchema),
}));

const ActionOutcomeSchema = onFirstUse(() => z.object({
  action: z.enum(['run', 'move', 'open', 'notify']),
  ok: z.boolean(),
  exitCode: z.nullable(z.number()),
  signal: z.nullable(z.string()),
  output: z.string(),
  truncated: z.boolean(),
  message: z.string(),
}));

/** A group and, when it is a completion group, its members, actions and what ran (groups/completion-groups.ts). */
export const GroupRecordSchema = onFirstUse(() => z.object({
  name: z.string(),
  behavior: z.enum(['parallel', 'serialized']),
  closed: z.boolean(),
  onComplete: z.nullable(z.object({ run: z.nullable(z.array(z.string())), moveTo: z.nullable(z.string()), openFolder: z.optional(z.boolean()), notify: z.optional(z.boolean()), action: z.optional(z.string()) })),
  /** Member ids in the order they joined. */
  members: z.array(z.string()),
  /** The last result of each member that ended or left the list (so a removal loses nothing). */
  results: z.record(z.string(), MemberResultSchema),
  /** Set (the start time) while the actions run: a start that finds it runs them again and says so. */
  firing: z.nullable(z.string()),
  firedAt: z.nullable(z.string()),
  history: z.array(z.object({ startedAt: z.string(), finishedAt: z.string(), rerun: z.boolean(), outcomes: z.array(ActionOutcomeSchema) })),
  /** When its members may run, besides the settings' windows ([]: whenever those allow); absent in older files. */
  runWindows: z._default(z.array(z.object({ days: z.array(z.number()), from: z.string(), to: z.string() })), []),
}));
export type GroupRecord = z.infer<typeof GroupRecordSchema>;

export const PersistedStateSchema = onFirstUse(() => z.object({
  version: z.literal(STATE_VERSION),
  seq: z.number(),
  operations: z.record(z.string(), z.unknown()),
  groups: z.record(z.string(), GroupRecordSchema),
  settings: z.record(z.string(), z.unknown()),
}));
export type PersistedState = Omit<z.infer<typeof PersistedStateSchema>, 'operations'> & {
  operations: Record<string, TransferRecord>;
};

export function emptyState(): PersistedState {
  return { version: STATE_VERSION, seq: 0, operations: {}, groups: {}, settings: {} };
}

/** Secrets of one transfer: kept apart from the main store (safeStorage or a 0600 file); validated when read. */
export const TransferSecretSchema = onFirstUse(() => z.object({
  /** "user:password" (Basic auth). */
  credential: z.optional(z.string()),
  /** The proxy's "user:password" (--proxy-user, or the proxy URL's). */
  proxyCredential: z.optional(z.string()),
  /** Every header but the harmless ones (shared/secret-headers.ts), and the cookie. */
  headers: z.optional(z.record(z.string(), z.string())),
  /** The transfer's cookie jar (tough-cookie's form): a cookies.txt's, then what the servers set. */
  cookies: z.optional(z.array(z.record(z.string(), z.unknown()))),
}));
export type TransferSecret = z.infer<typeof TransferSecretSchema>;
