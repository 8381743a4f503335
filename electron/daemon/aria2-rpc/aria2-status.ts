// A Ferry transfer as aria2 describes a download (tellStatus): its status word, its numbers as
// decimal strings (aria2's wire form), its one file, and an error as aria2's exit code.
import path from 'node:path';
import type { TransferSnapshot, TransferState } from '../../../shared/model.ts';
import type { ErrorStatus } from '../../../shared/errors.ts';
import { hideUrlPassword } from '../../../shared/url-password.ts';
import { gidOf } from './gid.ts';

export type Aria2Status = 'active' | 'waiting' | 'paused' | 'error' | 'complete' | 'removed';

const STATUS: Record<TransferState, Aria2Status> = {
  running: 'active',
  queued: 'waiting',
  retrying: 'waiting',
  // Held by the network, its cost or the battery: the engine starts them again by itself.
  waitingForNetwork: 'waiting',
  pausedCostedNetwork: 'waiting',
  pausedBattery: 'waiting',
  // Waiting for its start time or a time window: it starts by itself then.
  scheduled: 'waiting',
  paused: 'paused',
  completed: 'complete',
  failed: 'error',
  canceled: 'removed',
};

export function aria2StatusOf(state: TransferState): Aria2Status {
  return STATUS[state];
}

/** aria2's exit codes (its manual, "EXIT STATUS") for Ferry's error statuses. */
const ERROR_CODES: Record<ErrorStatus, number> = {
  Unknown: 1,
  Timeout: 2,
  NotFound: 3,
  CannotConnect: 6,
  ConnectionReset: 6,
  ResourceChanged: 8,
  RangeNotSatisfiable: 8,
  DiskFull: 9,
  FileAccessDenied: 16,
  HostNameNotResolved: 19,
  ServerError: 22,
  Unauthorized: 24,
  Forbidden: 24,
  ProxyAuthenticationRequired: 24,
  InvalidUri: 28,
  InvalidArgument: 28,
  TooManyTransfers: 28,
  ServiceUnavailable: 29,
  TooManyRequests: 29,
  CertificateError: 1,
  ChecksumMismatch: 32,
  Canceled: 1,
};

export type StatusObject = Record<string, unknown>;

/** tellStatus's answer for `t`, with only `keys` when some are given (as aria2 does). */
export function statusObject(t: TransferSnapshot, keys: readonly string[] = []): StatusObject {
  const status = aria2StatusOf(t.state);
  const total = t.totalBytes ?? 0;
  const file = {
    index: '1',
    path: t.path ?? '',
    length: String(total),
    completedLength: String(t.bytesTransferred),
    selected: 'true',
    // Every address of the file; the one the bytes come from now is "used".
    uris: [t.url, ...t.mirrors].map((uri) => ({ uri: hideUrlPassword(uri), status: uri === (t.mirrorInUse ?? t.url) ? 'used' : 'waiting' })),
  };
  const full: StatusObject = {
    gid: gidOf(t.id),
    status,
    totalLength: String(total),
    completedLength: String(t.bytesTransferred),
    uploadLength: '0',
    downloadSpeed: String(status === 'active' ? Math.round(t.speed) : 0),
    uploadSpeed: '0',
    connections: String(status === 'active' ? (t.segments?.connections ?? 1) : 0),
    dir: t.path ? path.dirname(t.path) : '',
    files: [file],
    numPieces: '1',
    pieceLength: String(total),
    // aria2 says 0 for a finished download, its exit code and words for a failed one.
    ...(status === 'complete' ? { errorCode: '0' } : {}),
    ...(status === 'error' && t.error ? { errorCode: String(ERROR_CODES[t.error.status]), errorMessage: t.error.message } : {}),
  };
  if (keys.length === 0) return full;
  return Object.fromEntries(keys.filter((k) => k in full).map((k) => [k, full[k]]));
}
