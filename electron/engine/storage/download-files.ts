// A download's files as others see them: read in process (hosts serve them over HTTP) while they
// arrive or once finished, only from the file Ferry wrote; and whether a destination is taken.
import type { FileHandle } from 'node:fs/promises';
import { TransferError } from '../errors/transfer-error.ts';
import { TransferReadStream, type ReadStreamOptions } from '../operation/transfer-read-stream.ts';
import { existsNoFollow, openOurFile, partPathFor } from './part-file.ts';
import { isLive } from '../operation/state-machine.ts';
import type { Operation } from '../operation/operation.ts';

/** Reads a download from `offset` while it arrives; the stream ends when the download completes. */
export function readStreamOf(op: Operation, offset: number, options: ReadStreamOptions = {}): TransferReadStream {
  if (op.record.kind !== 'download') throw new TransferError('InvalidArgument', `transfer ${op.id} is an upload; there is nothing to read from it`);
  if (!Number.isSafeInteger(offset) || offset < 0) throw new TransferError('InvalidArgument', `offset must be a whole number of bytes, not ${offset}`);
  if (op.record.totalBytes !== null && offset > op.record.totalBytes) {
    throw new TransferError('RangeNotSatisfiable', `offset ${offset} is past the end of the file (${op.record.totalBytes} bytes)`);
  }
  return new TransferReadStream(op, offset, options);
}

/** A completed download's file, opened only if it is still the file Ferry wrote (not a link or a swap). */
export async function completedFileOf(op: Operation | undefined): Promise<FileHandle | null> {
  if (!op || op.record.kind !== 'download' || op.state !== 'completed' || !op.record.path) return null;
  return openOurFile(op.record.path, op.record.partIdentity);
}

/** True when `candidate` (or its part file) exists, or another live download is writing to it. */
export function destinationTaken(operations: Iterable<Operation>, candidate: string, selfId: string, ignoreDisk: boolean): boolean {
  if (!ignoreDisk && (existsNoFollow(candidate) || existsNoFollow(partPathFor(candidate)))) return true;
  for (const op of operations) {
    if (op.id !== selfId && isLive(op.state) && op.record.kind === 'download' && op.record.path === candidate) return true;
  }
  return false;
}
