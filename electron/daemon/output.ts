// How transfers and errors are printed: one clear line on failure, JSON lines with --json.
import type { TransferSnapshot } from '../../shared/model.ts';
import type { TransferErrorInfo } from '../../shared/errors.ts';
import { RemoteError } from '../../shared/api-proxy.ts';
import { TransferError } from '../engine/errors/transfer-error.ts';
import { formatBytes as formatPeopleBytes } from '../../shared/format-bytes.ts';

export function errorLine(info: TransferErrorInfo): string {
  const http = info.httpStatus ? ` (HTTP ${info.httpStatus})` : '';
  return `ferry: ${info.status}${http}: ${info.message}`;
}

export function infoOf(error: unknown): TransferErrorInfo {
  if (error instanceof RemoteError) return error.info;
  if (error instanceof TransferError) return error.toInfo();
  return { status: 'Unknown', message: error instanceof Error ? error.message : String(error), httpStatus: null };
}

/** The JSON shape promised by the CLI contract (docs/ARCHITECTURE.md) (plus a few extra fields). */
export function transferJson(t: TransferSnapshot): Record<string, unknown> {
  return {
    id: t.id,
    kind: t.kind,
    url: t.url,
    path: t.path,
    state: t.state,
    bytesTransferred: t.bytesTransferred,
    totalBytes: t.totalBytes,
    speed: t.speed,
    eta: t.eta,
    group: t.group,
    priority: t.priority,
    queueOrder: t.queueOrder,
    error: t.error,
    history: t.history,
    retries: t.retries,
    costPolicy: t.costPolicy,
    limitBytesPerSec: t.limitBytesPerSec,
    createdAt: t.createdAt,
    completedAt: t.completedAt,
    retryAt: t.retryAt,
    upload: t.upload,
    response: t.response,
    // segments: a split download's connections, parts on disk and what each address served.
    ...(t.kind === 'download' ? { mirrors: t.mirrors, mirrorInUse: t.mirrorInUse, segments: t.segments } : {}),
  };
}

export function formatBytes(bytes: number | null): string {
  return formatPeopleBytes(bytes, { unknown: '?' });
}
