// Turns a user's UploadRequest into a record and its secrets, refusing bad input at once: a file
// that is missing, a folder or unreadable, a protocol and method that do not go together.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { UploadRequestSchema, type UploadFileRequest } from '../../../shared/schemas.ts';
import type { UploadMethod, UploadProtocol } from '../../../shared/model.ts';
import { TransferError } from '../errors/transfer-error.ts';
import { firstIssue } from './validation.ts';
import { expandHome, parseTransferUrl, requestSecrets } from './transfer-request.ts';
import { UPLOAD_SCHEMES } from '../protocols/registry.ts';
import { contentTypeFor } from './content-type.ts';
import { statUploadFile } from '../storage/source-file.ts';
import type { TransferSecret, UploadFile, UploadRecord } from '../state/records.ts';

export interface UploadContext {
  seq: number;
  now?: Date;
  /** Where a file the browser UI staged is; absent where nothing can be staged (the desktop app). */
  stagedFile?: (id: string) => string | null;
}

function resolveFile(request: UploadFileRequest, context: UploadContext, protocol: UploadProtocol): { file: UploadFile; staged: boolean } {
  if (Boolean(request.path) === Boolean(request.staged)) throw new TransferError('InvalidArgument', 'give each file either a path or a staged file id');
  let file: string;
  if (request.staged) {
    const found = context.stagedFile?.(request.staged) ?? null;
    if (!found) throw new TransferError('InvalidArgument', `the dropped file ${request.staged} is no longer on the daemon (it was removed or never arrived); drop it again`);
    file = found;
  } else {
    file = path.resolve(expandHome(request.path!));
  }
  const stat = statUploadFile(file);
  const name = request.name ?? path.basename(file);
  if (protocol !== 'multipart' && request.headers && Object.keys(request.headers).length > 0) {
    throw new TransferError('InvalidArgument', 'headers of a part exist only in a multipart upload; use the upload\'s headers');
  }
  return {
    file: {
      path: file,
      field: request.field ?? 'file',
      name,
      contentType: request.contentType ?? contentTypeFor(name),
      partHeaders: Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      size: stat.size,
      mtimeMs: stat.mtimeMs,
    },
    staged: Boolean(request.staged),
  };
}

/** Which methods each protocol sends with; the first is the default. tus creates with POST itself. */
const METHODS: Record<UploadProtocol, readonly UploadMethod[]> = { raw: ['PUT', 'POST'], multipart: ['POST', 'PUT'], tus: ['POST'] };

export async function buildUploadRecord(input: unknown, context: UploadContext): Promise<{ record: UploadRecord; secret: TransferSecret | null }> {
  const parsed = UploadRequestSchema.safeParse(input);
  if (!parsed.success) {
    const { message, path: where } = firstIssue(parsed.error, 'invalid upload request');
    throw new TransferError(where[0] === 'url' ? 'InvalidUri' : 'InvalidArgument', message);
  }
  const request = parsed.data;
  const protocol = request.protocol ?? 'raw';
  const url = parseTransferUrl(request.url, UPLOAD_SCHEMES, 'uploads to');
  const method = request.method ?? METHODS[protocol][0]!;
  if (!METHODS[protocol].includes(method)) {
    throw new TransferError('InvalidArgument', protocol === 'tus' ? 'a tus upload chooses its own methods (POST to create, PATCH to send); leave the method out' : `a ${protocol} upload is sent with ${METHODS[protocol].join(' or ')}, not ${method}`);
  }
  if (protocol !== 'multipart' && request.files.length > 1) {
    throw new TransferError('InvalidArgument', `a ${protocol === 'raw' ? 'plain' : 'tus'} upload sends one file; send several files as multipart, or one upload each`);
  }
  if (protocol !== 'multipart' && request.fields?.length) throw new TransferError('InvalidArgument', 'form fields exist only in a multipart upload');
  const resolved = request.files.map((file) => resolveFile(file, context, protocol));
  const files = resolved.map((r) => r.file);
  const { headers, secretHeaders, secret, proxy } = requestSecrets(url, request);
  const record: UploadRecord = {
    id: randomUUID(),
    kind: 'upload',
    seq: context.seq,
    // Added at the end of the queue.
    queueOrder: context.seq,
    url: url.toString(),
    state: 'queued',
    priority: request.priority ?? 'default',
    costPolicy: request.costPolicy ?? 'default',
    limitBytesPerSec: request.limitBytesPerSec || null,
    startAt: request.startAt ?? null,
    group: request.group ?? null,
    headers,
    secretHeaderNames: Object.keys(secretHeaders),
    hasCredential: Boolean(secret?.credential),
    ...proxy,
    // A multipart body's size, with its boundaries, is known once it is built (see http-upload.ts).
    totalBytes: protocol === 'multipart' ? null : files[0]!.size,
    error: null,
    retries: [],
    history: [],
    createdAt: (context.now ?? new Date()).toISOString(),
    completedAt: null,
    protocol,
    method,
    files,
    fields: request.fields ?? [],
    bytesConfirmed: 0,
    protocolState: null,
    ownsFiles: resolved.every((r) => r.staged),
    response: null,
  };
  return { record, secret };
}
