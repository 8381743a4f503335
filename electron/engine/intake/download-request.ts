// Turns a user's DownloadRequest into a record and its secrets, refusing bad input at once.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DownloadRequestSchema, type DownloadRequest } from '../../../shared/schemas.ts';
import { TransferError } from '../errors/transfer-error.ts';
import { DOWNLOAD_SCHEMES } from '../protocols/registry.ts';
import { safeFileName } from './file-name.ts';
import { firstIssue } from './validation.ts';
import { expandHome, parseTransferUrl, requestSecrets } from './transfer-request.ts';
import type { DownloadRecord, TransferSecret } from '../state/records.ts';
import { distinctMirrors, mirrorLoginProblem } from '../../../shared/mirrors.ts';

export function parseDownloadUrl(raw: string): URL {
  return parseTransferUrl(raw, DOWNLOAD_SCHEMES, 'downloads');
}

/** The mirrors as the record keeps them (shared/mirrors.ts): each a download URL without a login; repeats dropped. */
export function parseMirrors(primary: string, raw: readonly string[]): string[] {
  const parsed = raw.map((mirror, index) => {
    let url: URL;
    try {
      url = parseDownloadUrl(mirror);
    } catch (error) {
      throw new TransferError('InvalidUri', `mirror ${index + 1}: ${(error as Error).message}`);
    }
    const problem = mirrorLoginProblem(url);
    if (problem) throw new TransferError('InvalidArgument', `mirror ${index + 1}: ${problem}`);
    return url.toString();
  });
  return distinctMirrors(primary, parsed);
}

/** Makes the folder (and its parents) if it is missing, as wget -P and aria2c -d do, and checks it can be written. */
/** Makes `dir` if it is missing and checks it can be written; FileAccessDenied in words otherwise. */
export function assertWritableDir(dir: string): void {
  let stat: fs.Stats;
  try {
    fs.mkdirSync(dir, { recursive: true });
    stat = fs.statSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is in the way' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : (code ?? 'error');
    throw new TransferError('FileAccessDenied', `the folder ${dir} does not exist and cannot be created (${why})`);
  }
  if (!stat.isDirectory()) throw new TransferError('FileAccessDenied', `${dir} is not a folder`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new TransferError('FileAccessDenied', `the folder ${dir} is not writable`);
  }
}

/** `checked`: folders already made and checked for this batch (200 downloads into one folder check it once). */
function resolveDestination(request: DownloadRequest, defaultDir: string, checked: Set<string>): { requestedPath: string | null; dir: string } {
  const usable = (dir: string): void => {
    if (checked.has(dir)) return;
    assertWritableDir(dir);
    checked.add(dir);
  };
  if (request.path && request.dir) throw new TransferError('InvalidArgument', 'give either a file (-o) or a folder (-d), not both');
  if (request.path) {
    const requestedPath = path.resolve(expandHome(request.path));
    if (!safeFileName(path.basename(requestedPath))) {
      throw new TransferError('InvalidArgument', `${request.path} is not a usable file name`);
    }
    if (fs.existsSync(requestedPath) && fs.statSync(requestedPath).isDirectory()) {
      throw new TransferError('InvalidArgument', `${request.path} is a folder; use -d to download into it`);
    }
    const dir = path.dirname(requestedPath);
    usable(dir);
    return { requestedPath, dir };
  }
  const dir = path.resolve(expandHome(request.dir ?? defaultDir));
  usable(dir);
  return { requestedPath: null, dir };
}

export function buildDownloadRecord(
  input: unknown,
  context: { seq: number; defaultDir: string; now?: Date; checkedDirs?: Set<string> },
): { record: DownloadRecord; secret: TransferSecret | null } {
  const parsed = DownloadRequestSchema.safeParse(input);
  if (!parsed.success) {
    const { message, path: where } = firstIssue(parsed.error, 'invalid download request');
    throw new TransferError(where[0] === 'url' ? 'InvalidUri' : 'InvalidArgument', message);
  }
  const request = parsed.data;
  const url = parseDownloadUrl(request.url);
  const { headers, secretHeaders, secret, proxy } = requestSecrets(url, request);
  const { requestedPath, dir } = resolveDestination(request, context.defaultDir, context.checkedDirs ?? new Set());
  const record: DownloadRecord = {
    id: randomUUID(),
    kind: 'download',
    seq: context.seq,
    // Added at the end of the queue.
    queueOrder: context.seq,
    url: url.toString(),
    requestedPath,
    dir,
    path: requestedPath,
    state: 'queued',
    priority: request.priority ?? 'default',
    costPolicy: request.costPolicy ?? 'default',
    limitBytesPerSec: request.limitBytesPerSec || null,
    startAt: request.startAt ?? null,
    group: request.group ?? null,
    connections: request.connections ?? null,
    checksum: request.checksum?.toLowerCase() ?? null,
    mirrors: parseMirrors(url.toString(), request.mirrors ?? []),
    source: 0,
    newAddress: false,
    vouchedByChecksum: false,
    serverDigest: null,
    verified: null,
    headers,
    secretHeaderNames: Object.keys(secretHeaders),
    hasCredential: Boolean(secret?.credential),
    ...proxy,
    totalBytes: null,
    bytesDurable: 0,
    doneRanges: null,
    dirByCategory: !request.path && !request.dir,
    protocolState: null,
    partIdentity: null,
    history: [],
    decodeOnFinish: null,
    finalizing: false,
    error: null,
    retries: [],
    createdAt: (context.now ?? new Date()).toISOString(),
    completedAt: null,
  };
  return { record, secret };
}
