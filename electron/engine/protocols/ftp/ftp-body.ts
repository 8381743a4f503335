// The body of an FTP download as the engine reads any source's: a Readable fed by the data
// connection, either read by us into a shared buffer (plain FTP: data-reads.ts; each read copied
// out, the socket paused while the reader is behind) or piped by basic-ftp's transfer into `sink`
// (FTPS, SOCKS: the pipe's backpressure holds the socket back); ended once the server confirms the transfer (226) or once the bytes wanted have come (a
// segment: then the transfer is aborted and both connections closed). Destroyed early by its
// reader, it closes the connections too.
import type net from 'node:net';
import { Readable, Writable } from 'node:stream';
import type { TransferError } from '../../errors/transfer-error.ts';
import type { DataReceiver } from './data-reads.ts';

/** Up to this much waits in the body for its reader before the data connection is held back. */
const BODY_BUFFER_BYTES = 1024 * 1024;

export class FtpBody extends Readable implements DataReceiver {
  /** Where basic-ftp writes the data connection's bytes. */
  readonly sink: Writable;
  /** Settles when the first byte came, or the transfer ended (or failed) before one did. */
  readonly arrived: Promise<void>;
  private left: number | null;
  private done = false;
  private waiting: (() => void) | null = null;
  /** The data connection paused until the reader wants more (the shared-buffer reads). */
  private paused: net.Socket | null = null;
  private lending = false;
  /** The reader called pause() (and not resume() since). */
  private readerPaused = false;
  /** Node's Readable holds on to pushed chunks until its first read (its `sync` state). */
  private readCalled = false;
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
      write: (chunk: Buffer, _encoding, callback) => this.piped(chunk, callback),
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
    this.readCalled = true;
    const resume = this.waiting;
    this.waiting = null;
    resume?.();
    // Node also asks while its reader is paused, to fill the buffer: the socket waits for the reader.
    if (!this.readerPaused) this.wake();
  }

  override pause(): this {
    this.readerPaused = true;
    return super.pause();
  }

  override resume(): this {
    this.readerPaused = false;
    super.resume();
    this.wake();
    return this;
  }

  private wake(): void {
    const socket = this.paused;
    this.paused = null;
    socket?.resume();
  }

  /** The reader copies each chunk in its 'data' call (pipe/lent-chunks.ts). */
  lendChunks(): void {
    this.lending = true;
  }

  /**
   * A read into the shared buffer, which is reused once this returns. Lent as it is when the reader
   * takes it in this call: Node's Readable emits a chunk pushed into an empty, flowing stream at once,
   * outside a _read call (which never reads the socket itself); copied otherwise. The socket is
   * paused while the reader is paused or behind, so at most a read or two wait here.
   */
  receive(bytes: Buffer, socket: net.Socket): void {
    if (this.done) return;
    const lend = this.lending && this.readableFlowing === true && this.readableLength === 0 && this.readCalled;
    let chunk = bytes;
    if (!lend) {
      chunk = Buffer.allocUnsafeSlow(bytes.length);
      bytes.copy(chunk);
    }
    const more = this.pass(chunk);
    if (lend && this.readableLength > 0 && !this.destroyed) {
      // Never expected (Node would have kept the lent chunk, to be overwritten): fail rather than write it.
      this.destroy(new Error('an FTP read was kept by the stream instead of being handed to its reader'));
      return;
    }
    if (this.done || (more && this.readableFlowing === true)) return;
    socket.pause();
    this.paused = socket;
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.done = true;
    this.waiting = null;
    this.paused = null;
    this.close();
    callback(error);
  }

  /** A chunk from basic-ftp's pipe: its callback waits while the reader is behind. */
  private piped(chunk: Buffer, callback: () => void): void {
    if (this.done || this.pass(chunk)) callback();
    else this.waiting = callback;
  }

  /** Passes `chunk` on (up to the bytes wanted); false when the reader is behind. */
  private pass(chunk: Buffer): boolean {
    this.markArrived();
    if (this.done) return true;
    let bytes = chunk;
    if (this.left !== null && bytes.length >= this.left) {
      bytes = bytes.subarray(0, this.left);
      this.left = 0;
      if (bytes.length > 0) this.push(bytes);
      this.finish();
      return true;
    }
    if (this.left !== null) this.left -= bytes.length;
    return this.push(bytes);
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
