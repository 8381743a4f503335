// How transfers and errors are printed: one clear line on failure, JSON lines with --json.
import path from 'node:path';
import type { TransferSnapshot } from '../../shared/model.ts';
import type { TransferErrorInfo } from '../../shared/errors.ts';
import { RemoteError } from '../../shared/api-proxy.ts';
import { TransferError } from '../engine/transfer-error.ts';
import { formatBytes as formatBinary } from '../../shared/format-bytes.ts';

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
    error: t.error,
    history: t.history,
    retries: t.retries,
    costPolicy: t.costPolicy,
    createdAt: t.createdAt,
    completedAt: t.completedAt,
    retryAt: t.retryAt,
    upload: t.upload,
    response: t.response,
  };
}

const HELD: readonly TransferSnapshot['state'][] = ['waitingForNetwork', 'pausedCostedNetwork', 'pausedBattery'];

export function formatBytes(bytes: number | null): string {
  return formatBinary(bytes, { binary: true, unknown: '?' });
}

export function transferRow(t: TransferSnapshot): string {
  const name = t.path ? path.basename(t.path) : t.url;
  const percent = t.totalBytes ? `${Math.floor((100 * t.bytesTransferred) / t.totalBytes)}%` : '';
  const speed = t.state === 'running' ? `${formatBytes(t.speed)}/s` : '';
  const error = t.error && t.state === 'failed' ? `  ${t.error.status}: ${t.error.message}` : '';
  // Why it waits: every automatic pause says so.
  const why = HELD.includes(t.state) ? `  (${t.history.at(-1)?.reason ?? 'waiting'})` : '';
  return [t.id.slice(0, 8), t.state.padEnd(19), percent.padStart(4), formatBytes(t.totalBytes).padStart(10), speed.padStart(12), ` ${name}${error}${why}`].join(' ');
}
