// What the engine persists about each transfer. Validated on load so a damaged store is caught.
import { z } from 'zod';
import { COST_POLICIES, PRIORITIES, TRANSFER_STATES } from '../../shared/model.ts';
import { ERROR_STATUSES } from '../../shared/errors.ts';
import { STATE_VERSION } from './state-migrations.ts';

const ErrorInfoSchema = z.object({
  status: z.enum(ERROR_STATUSES),
  message: z.string(),
  httpStatus: z.number().nullable(),
});

export const DownloadRecordSchema = z.object({
  id: z.string(),
  kind: z.literal('download'),
  /** Creation order; ties in priority are broken by age. */
  seq: z.number(),
  url: z.string(),
  /** Exact destination given by the user (-o), or null. */
  requestedPath: z.string().nullable(),
  /** Folder the name is chosen in when requestedPath is null. */
  dir: z.string(),
  /** Resolved destination; null until the server's first answer names it. */
  path: z.string().nullable(),
  state: z.enum(TRANSFER_STATES),
  priority: z.enum(PRIORITIES),
  costPolicy: z.enum(COST_POLICIES),
  group: z.string().nullable(),
  connections: z.number(),
  checksum: z.string().nullable(),
  /** Non-secret request headers. Authorization, cookies and credentials live in the secret store. */
  headers: z.record(z.string(), z.string()),
  secretHeaderNames: z.array(z.string()),
  hasCredential: z.boolean(),
  totalBytes: z.number().nullable(),
  /** Bytes fsynced to the part file: a checkpoint never claims more than is on disk. */
  bytesDurable: z.number(),
  validator: z.object({ etag: z.string().nullable(), lastModified: z.string().nullable() }).nullable(),
  /**
   * The part file Ferry created (device and inode; the finished file keeps them): a file at that
   * name that is not this one (a planted link, a swapped file) is never written or served.
   * Null before the part file exists (and in records written before it was kept).
   */
  partIdentity: z.object({ dev: z.number(), ino: z.number(), birth: z.number() }).nullable(),
  /** An encoding the server applied that is undone when the file is complete (see content-encoding.ts). */
  decodeOnFinish: z.string().nullable(),
  /** Set while the finished part file is being renamed into place. */
  finalizing: z.boolean(),
  error: ErrorInfoSchema.nullable(),
  retries: z.array(
    z.object({ at: z.string(), status: z.enum(ERROR_STATUSES), httpStatus: z.number().nullable(), message: z.string() }),
  ),
  /** State changes, oldest first (bounded): see Operation.transition. */
  history: z.array(z.object({ at: z.string(), from: z.enum(TRANSFER_STATES), to: z.enum(TRANSFER_STATES), reason: z.string() })),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type DownloadRecord = z.infer<typeof DownloadRecordSchema>;

export const GroupRecordSchema = z.object({ name: z.string(), behavior: z.enum(['parallel', 'serialized']) });

export const PersistedStateSchema = z.object({
  version: z.literal(STATE_VERSION),
  seq: z.number(),
  operations: z.record(z.string(), z.unknown()),
  groups: z.record(z.string(), GroupRecordSchema),
  settings: z.record(z.string(), z.unknown()),
});
export type PersistedState = Omit<z.infer<typeof PersistedStateSchema>, 'operations'> & {
  operations: Record<string, DownloadRecord>;
};

export function emptyState(): PersistedState {
  return { version: STATE_VERSION, seq: 0, operations: {}, groups: {}, settings: {} };
}

/** Secrets of one transfer: kept apart from the main store (safeStorage or a 0600 file). */
export interface TransferSecret {
  credential?: string;
  headers?: Record<string, string>;
}
