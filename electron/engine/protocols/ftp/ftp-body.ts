// The body of an FTP download as the engine reads any source's: a Readable fed by basic-ftp's
// transfer (which pipes the data connection into `sink`, so the reader's pace holds the socket
// back), ended once the server confirms the transfer (226) or once the bytes wanted have come (a
// segment: then the transfer is aborted and both connections closed). Destroyed early by its
// reader, it closes the connections too.
import { Readable, Writable } from 'node:stream';
import type { TransferError } from '../../errors/transfer-error.ts';

/** Up to this much waits in the body for its reader before the data connection is held back. */
const BODY_BUFFER_BYTES = 1024 * 1024;

export class FtpBody extends Readable {
  /** Where basic-ftp writes the data connection's bytes. */
  readonly sink: Writable;
  /** Settles when the first byte came, or the transfer ended (or failed) before one did. */
  readonly arrived: Promise<void>;
  private left: number | null;
  private done = false;
  private waiting: (() => void) | null = null;
  private readonly close: () => void;
  private markArrived: () => void = () => undefined;
  private failArrival: (error: unknown) => void = () => undefined;

  /** `wanted`: how many bytes to pass on before ending (null: all the transfer brings). */
  constructor(close: () => void, wanted: number | null) {
    super({ highWaterMark: BODY_BUFFER_BYTES });
    this.close = close;
    this.left = wanted;
    this.arrived = new Promise((resolve, reject) => {
      this.markArrived = resolve;
      this.failArrival = reject;
    });
    // Its reader may attach only after the answer is accepted; a failure meanwhile stays in
    // `errored` (pump reads it from there) instead of crashing the process.
    this.on('error', () => undefined);
    this.sink = new Writable({
      highWaterMark: BODY_BUFFER_BYTES,
      write: (chunk: Buffer, _encoding, callback) => this.receive(chunk, callback),
    });
  }

  /** Ends or fails the body as the transfer (basic-ftp's downloadTo) settles. */
  follow(transfer: Promise<unknown>, explain: (error: unknown) => TransferError): void {
    transfer.then(
      () => this.finish(),
      (error: unknown) => {
        this.failArrival(explain(error));
        // Once the body ended (all wanted bytes came), the abort's own failure is no news.
        if (!this.done) this.destroy(explain(error));
      },
    );
  }

  override _read(): void {
    const resume = this.waiting;
    this.waiting = null;
    resume?.();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.done = true;
    this.waiting = null;
    this.close();
    callback(error);
  }

  private receive(chunk: Buffer, callback: () => void): void {
    this.markArrived();
    if (this.done) return callback();
    let bytes = chunk;
    if (this.left !== null && bytes.length >= this.left) {
      bytes = bytes.subarray(0, this.left);
      this.left = 0;
      if (bytes.length > 0) this.push(bytes);
      this.finish();
      return callback();
    }
    if (this.left !== null) this.left -= bytes.length;
    if (this.push(bytes)) callback();
    else this.waiting = callback;
  }

  /** No more bytes: the reader gets its end, and the connections are closed (QUIT). */
  private finish(): void {
    this.markArrived();
    if (this.done) return;
    this.done = true;
    this.push(null);
    this.close();
  }
}
