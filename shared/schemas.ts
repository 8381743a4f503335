// zod schemas for every value that crosses a process boundary (IPC, WebSocket, HTTP RPC).
import { z } from 'zod';
import { COST_POLICIES, DENSITIES, NETWORK_COST_SETTINGS, PRIORITIES, SETTING_LIMITS, THEMES, UPLOAD_METHODS, UPLOAD_PROTOCOLS } from './model.ts';

export const IdSchema = z.string().min(1).max(100);

const HeaderName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid HTTP header name');
const HeaderValue = z.string().refine((v) => !/[\r\n\0]/.test(v), 'header values cannot contain line breaks');

export const ChecksumSchema = z
  .string()
  .regex(/^sha256:[0-9a-fA-F]{64}$/, 'checksum must look like sha256:<64 hex digits>');

/** What every kind of transfer request takes besides its own fields. */
const CommonRequestFields = {
  url: z.string().min(1).max(16_384),
  headers: z.record(HeaderName, HeaderValue).optional(),
  /** Server credential as "user:password". Stored encrypted/0600, never shown back. */
  credential: z.string().includes(':').optional(),
  cookie: HeaderValue.optional(),
  costPolicy: z.enum(COST_POLICIES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  group: z.string().min(1).max(200).optional(),
};

export const DownloadRequestSchema = z.strictObject({
  ...CommonRequestFields,
  /** Exact destination file; replaced when the download completes. */
  path: z.string().min(1).optional(),
  /** Destination folder; the name comes from the server or the URL. */
  dir: z.string().min(1).optional(),
  connections: z.number().int().min(1).max(16).optional(),
  checksum: ChecksumSchema.optional(),
});
export type DownloadRequest = z.infer<typeof DownloadRequestSchema>;

const UploadFileRequestSchema = z.strictObject({
  /** A file on the host's disk (the CLI, the desktop app) ... */
  path: z.string().min(1).max(4096).optional(),
  /** ... or one the browser UI staged on the daemon (PUT /api/staging). */
  staged: z.string().regex(/^[0-9a-f-]{36}$/, 'not a staged file id').optional(),
  /** Multipart: the form field (default "file"). */
  field: z.string().min(1).max(200).optional(),
  /** The file name the server is told (default: the file's own). */
  name: z.string().min(1).max(255).optional(),
  contentType: z.string().min(1).max(200).refine((v) => !/[\r\n\0]/.test(v), 'no line breaks').optional(),
  /** Multipart: extra headers of this part. */
  headers: z.record(HeaderName, HeaderValue).optional(),
});
export type UploadFileRequest = z.infer<typeof UploadFileRequestSchema>;

export const UploadRequestSchema = z.strictObject({
  ...CommonRequestFields,
  files: z.array(UploadFileRequestSchema).min(1, 'give at least one file to upload').max(1000),
  /** raw (default): the file is the body; multipart: form-data; tus: resumable tus 1.0. */
  protocol: z.enum(UPLOAD_PROTOCOLS).optional(),
  /** raw: PUT (default) or POST; multipart: POST (default) or PUT; tus creates with POST itself. */
  method: z.enum(UPLOAD_METHODS).optional(),
  /** Multipart: string fields, in order. */
  fields: z.array(z.strictObject({ name: z.string().min(1).max(200), value: z.string().max(1_000_000) })).max(1000).optional(),
});
export type UploadRequest = z.infer<typeof UploadRequestSchema>;

export const SettingsPatchSchema = z.strictObject({
  maxConcurrent: z.number().int().min(SETTING_LIMITS.maxConcurrent.min).max(SETTING_LIMITS.maxConcurrent.max).optional(),
  retries: z.number().int().min(SETTING_LIMITS.retries.min).max(SETTING_LIMITS.retries.max).optional(),
  retryBaseDelayMs: z.number().int().min(0).max(3_600_000).optional(),
  retryMaxDelayMs: z.number().int().min(0).max(86_400_000).optional(),
  connectTimeoutMs: z.number().int().min(100).max(3_600_000).optional(),
  responseTimeoutMs: z.number().int().min(100).max(3_600_000).optional(),
  stallTimeoutMs: z.number().int().min(100).max(3_600_000).optional(),
  downloadDir: z.string().min(1).optional(),
  preventSleep: z.boolean().optional(),
  theme: z.enum(THEMES).optional(),
  density: z.enum(DENSITIES).optional(),
  stagingMaxBytes: z.number().int().min(0).max(2 ** 50).optional(),
  keepFinished: z.number().int().min(1).max(100_000).optional(),
  networkCost: z.enum(NETWORK_COST_SETTINGS).optional(),
  batteryThreshold: z.number().int().min(0).max(100).optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const RemoveOptionsSchema = z.strictObject({
  /** Also delete the finished file (only the file Ferry wrote; a moved or replaced one stays). */
  deleteFile: z.boolean().optional(),
});
export type RemoveOptions = z.infer<typeof RemoveOptionsSchema>;

export const GroupRequestSchema = z.strictObject({
  name: z.string().min(1).max(200),
  behavior: z.enum(['parallel', 'serialized']).optional(),
});
export type GroupRequest = z.infer<typeof GroupRequestSchema>;
