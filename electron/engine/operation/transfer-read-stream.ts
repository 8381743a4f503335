// Reads a download while it arrives: what is on disk now, then waits for the rest (the Operation's
// openReadStream), telling the download where it waits (a segmented one fetches there next).
// Ends when the download completes; fails if it fails, is canceled, leaves the list, or its bytes
// are thrown away (the file changed on the server), so a reader never mixes two versions; with
// `stopWhenPaused`, also when it would wait on a download the user paused.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { TransferState } from '../../../shared/model.ts';
import type { TransferErrorInfo } from '../../../shared/errors.ts';
import { TransferError } from '../errors/transfer-error.ts';
import { NOFOLLOW, partPathFor } from '../storage/part-file.ts';

export interface FollowableTransfer {
  readonly generation: number;
  readonly state: TransferState;
  /** Where the bytes on disk that follow `position` without a gap end (a segmented download has holes). */
  readableFrom(position: number): number;
  /** The download's destination, once known. */
  readonly destination: string | null;
  readonly record: { totalBytes: number | null; error: TransferErrorInfo | null };
  watch(listener: () => void): () => void;
  /** The reader waits at `offset` until the returned function is called. */
  want(offset: number): () => void;
  /** Taken off the list. */
  readonly hasLeft: boolean;
}

export interface ReadStreamOptions {
  /** Fail instead of waiting while the download is paused by the user (a reader over HTTP). */
  stopWhenPaused?: boolean;
}

const CHUNK = 256 * 1024;

const startedOver = () => new TransferError('ResourceChanged', 'the download started over (the file changed on the server); open it again');

export class TransferReadStream extends Readable {
  private readonly transfer: FollowableTransfer;
  private readonly generation: number;
  private position: number;
  private fd: number | null = null;
  private busy = false;
  private unwatch: (() => void) | null = null;
  private unwant: (() => void) | null = null;
  private readonly stopWhenPaused: boolean;

  constructor(transfer: FollowableTransfer, offset: number, options: ReadStreamOptions = {}) {
    super({ highWaterMark: CHUNK });
    this.transfer = transfer;
    this.generation = transfer.generation;
    this.position = offset;
    this.stopWhenPaused = options.stopWhenPaused ?? false;
  }

  override _read(): void {
    void this.step();
  }

  private async step(): Promise<void> {
    if (this.busy || this.destroyed) return;
    this.busy = true;
    try {
      const t = this.transfer;
      if (t.generation !== this.generation) throw startedOver();
      if (t.state === 'failed' || t.state === 'canceled') {
        const info = t.record.error ?? { status: t.state === 'canceled' ? 'Canceled' : 'Unknown', message: `the download ${t.state}`, httpStatus: null };
        throw new TransferError(info.status, info.message, { httpStatus: info.httpStatus });
      }
      const available = t.readableFrom(this.position);
      const destination = t.destination;
      if (this.position < available && destination) {
        this.fd ??= fs.openSync(t.state === 'completed' ? destination : partPathFor(destination), fs.constants.O_RDONLY | NOFOLLOW);
        const buffer = Buffer.allocUnsafe(Math.min(CHUNK, available - this.position));
        const read = await new Promise<number>((resolve, reject) =>
          fs.read(this.fd!, buffer, 0, buffer.length, this.position, (error, n) => (error ? reject(error) : resolve(n))),
        );
        if (t.generation !== this.generation) throw startedOver();
        if (read > 0) {
          this.position += read;
          this.busy = false;
          this.push(read === buffer.length ? buffer : buffer.subarray(0, read));
          return;
        }
        // The bytes past the last checkpoint were cut back to be fetched again: wait for them.
      } else if (t.state === 'completed' && this.position >= available) {
        this.busy = false;
        this.push(null);
        return;
      }
      if (t.hasLeft) throw new TransferError('NotFound', 'the download was taken off the list while it was being read');
      if (this.stopWhenPaused && t.state === 'paused') throw new TransferError('Canceled', 'the download was paused; resume it and read again from where this ended');
      // Nothing new yet: wait for the next write or state change, there.
      this.unwatch ??= t.watch(() => {
        this.unwatch?.();
        this.unwatch = null;
        this.stopWanting();
        void this.step();
      });
      this.unwant ??= t.want(this.position);
      this.busy = false;
    } catch (error) {
      this.busy = false;
      this.destroy(error as Error);
    }
  }

  private stopWanting(): void {
    this.unwant?.();
    this.unwant = null;
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.unwatch?.();
    this.stopWanting();
    if (this.fd !== null) fs.close(this.fd, () => callback(error));
    else callback(error);
  }
}
