// Writes an upload's body (bytes of framing and whole files, in order) to an HTTP request straight
// from disk: reads of 1 MiB into a few buffers that go back to use once the socket has taken them,
// the next read under way while the last one is sent.
// Why by hand: through got, form-data and two stream layers, 1 GiB went out at about half curl's
// speed on loopback (bench/upload-bench.ts); this loop is what a raw socket does.
import type { ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import { openSourceFile, type SourceFileReader } from '../../storage/source-file.ts';
import type { UploadFile } from '../../state/records.ts';
import { ioBuffer } from '../../storage/aligned-memory.ts';
import { pacedPieces, UNLIMITED, type Pacer } from '../../pipe/token-bucket.ts';

/** A speed limit on the body, and who hears when it holds the body back (the flow watchdog). */
export interface BodyPace {
  pacer: Pacer;
  held(held: boolean): void;
}

export type BodyPart = Buffer | UploadFile;

export function bodyLength(parts: readonly BodyPart[]): number {
  return parts.reduce((sum, part) => sum + (Buffer.isBuffer(part) ? part.length : part.size), 0);
}

/** Bigger reads mean fewer trips through the event loop per gigabyte (256 KiB cost ~10%). */
const CHUNK_BYTES = 1024 * 1024;
/** One being read, the rest with the socket (measured: 4 gains a little over 3, 6 nothing). */
const BUFFERS = 4;

/**
 * A few page-aligned buffers (see aligned-memory.ts), made when first needed, handed out when free;
 * a taker waits until the socket gives one back.
 */
class BufferPool {
  private readonly free: Buffer[] = [];
  private readonly waiting: Array<(buffer: Buffer | null) => void> = [];
  private made = false;
  private readonly count: number;
  private readonly bytes: number;
  constructor(count: number, bytes: number) {
    this.count = count;
    this.bytes = bytes;
  }
  /** A free buffer, or null once the pool was closed. */
  take(): Promise<Buffer | null> {
    if (!this.made) {
      // One memory for all of them; only the pages a small body touches become resident.
      const memory = ioBuffer(this.count * this.bytes);
      for (let i = this.count - 1; i >= 0; i--) this.free.push(memory.subarray(i * this.bytes, (i + 1) * this.bytes));
      this.made = true;
    }
    const buffer = this.free.pop();
    return buffer ? Promise.resolve(buffer) : new Promise((resolve) => this.waiting.push(resolve));
  }
  give(buffer: Buffer): void {
    const next = this.waiting.shift();
    if (next) next(buffer);
    else this.free.push(buffer);
  }
  /** The request ended: a socket that is gone may never give its buffers back. */
  close(): void {
    for (const waiter of this.waiting.splice(0)) waiter(null);
  }
}

/**
 * Where the body's bytes go: the head is sent alone, then the body straight to the request's
 * socket, after the head, in order. Why, both measured with 1 GiB PUT to nginx on loopback in
 * alternating runs: body bytes that arrive with the head (the first chunk written through the
 * request) made the whole upload slower, 1.96-2.26 s against 1.53-1.77 s with the head alone first
 * (nginx reads a body that started in the header buffer another way), and Node's request corks its
 * socket for every write and writes it a tick later. Where the head cannot be seen to be with the
 * socket, the body goes through the request: slower, never out of order.
 */
class BodyOutput {
  private readonly direct: Socket | null;
  private readonly request: ClientRequest;
  private constructor(request: ClientRequest, direct: Socket | null) {
    this.request = request;
    this.direct = direct;
  }

  /** Sends the head and resolves once body bytes may follow it (or the request ended first). */
  static async open(request: ClientRequest): Promise<BodyOutput> {
    request.flushHeaders();
    const socket = request.socket ?? (await new Promise<Socket | null>((resolve) => {
      const done = (socket: Socket | null) => {
        request.off('socket', done);
        request.off('close', closed);
        resolve(socket);
      };
      const closed = () => done(null);
      request.on('socket', done);
      request.on('close', closed);
    }));
    if (socket?.connecting) await new Promise<void>((resolve) => socket.once('connect', resolve).once('close', () => resolve()));
    // The request hands its head to the socket just after announcing it: a turn of the loop later
    // nothing of it may be left outside the socket, whose own queue keeps the order.
    await new Promise((resolve) => setImmediate(resolve));
    const headWithSocket = socket !== null && !request.destroyed && request.writableLength === socket.writableLength;
    return new BodyOutput(request, headWithSocket ? socket : null);
  }

  /** False when the caller should wait for `writable` before the next write. */
  write(chunk: Buffer, callback: (error?: Error | null) => void): boolean {
    return (this.direct ?? this.request).write(chunk, callback);
  }

  /**
   * Resolves when the output can take more, or should take no more: the request ended (an error, an
   * abort, a closed socket) or the server answered before the body was all sent (a 413, a 401...).
   */
  writable(): Promise<void> {
    const { request } = this;
    const output = this.direct ?? request;
    return new Promise((resolve) => {
      const done = () => {
        output.off('drain', done);
        request.off('close', done);
        request.off('response', done);
        resolve();
      };
      output.on('drain', done);
      request.on('close', done);
      request.on('response', done);
    });
  }
}

/**
 * Sends `parts` and ends the request. `onSent` gets the bytes the socket has taken so far.
 * Returns early, without throwing, when the request ends before the body does (the request's own
 * error says why) or the server answers before it (its answer says why: the rest is not sent, as
 * RFC 9110 lets a server refuse a body it will not take); throws when a file cannot be read or changed.
 */
export async function writeBody(request: ClientRequest, parts: readonly BodyPart[], onSent: (bytes: number) => void, pace: BodyPace | null = null): Promise<void> {
  let answered = false;
  request.once('response', () => (answered = true));
  // The server has answered, or the request is gone: sending more is pointless.
  const stop = () => request.destroyed || answered;
  let sent = 0;
  let inFlight = 0;
  let allTaken: (() => void) | null = null;
  const output = await BodyOutput.open(request);
  const write = (chunk: Buffer, release?: () => void): boolean => {
    inFlight++;
    return output.write(chunk, (error) => {
      release?.();
      inFlight--;
      if (!error) onSent((sent += chunk.length));
      if (inFlight === 0) allTaken?.();
    });
  };
  /** Writes `chunk` once the limits let it go (in small pieces while limited); `release` once the socket has all of it. */
  const send = async (chunk: Buffer, release?: () => void): Promise<void> => {
    let sent = 0;
    for await (const piece of pacedPieces(chunk, pace?.pacer ?? UNLIMITED, pace?.held)) {
      if (stop()) return release?.();
      sent += piece.length;
      if (!write(piece, sent === chunk.length ? release : undefined)) await output.writable();
    }
  };
  const pool = new BufferPool(BUFFERS, CHUNK_BYTES);
  const release = () => {
    pool.close();
    allTaken?.();
  };
  request.once('close', release);
  request.once('response', release);
  const files: SourceFileReader[] = [];
  try {
    for (const part of parts) {
      if (stop()) return;
      if (Buffer.isBuffer(part)) {
        await send(part);
        continue;
      }
      const file = await openSourceFile(part);
      files.push(file);
      if (!(await writeFile(file, pool, send, stop))) return;
    }
    // Every byte is with the socket: the files must not have changed meanwhile. Only then does the
    // body end, so a server never sees a complete body mixed from two versions of a file.
    if (inFlight > 0 && !stop()) await new Promise<void>((resolve) => (allTaken = resolve));
    if (stop()) return;
    for (const file of files) file.verify();
    request.end();
  } finally {
    for (const file of files) await file.close().catch(() => undefined);
  }
}

type Chunk = { buffer: Buffer; bytes: number } | { error: unknown } | null;

/** One file's bytes, a read ahead of the write; false when the request ended (or was answered) first. */
async function writeFile(file: SourceFileReader, pool: BufferPool, send: (chunk: Buffer, release: () => void) => Promise<void>, stop: () => boolean): Promise<boolean> {
  // Never rejects: a read that fails while a write is awaited is a result, not an unhandled rejection.
  const readChunk = async (): Promise<Chunk> => {
    const buffer = await pool.take();
    if (!buffer) return null;
    try {
      return { buffer, bytes: await file.read(buffer) };
    } catch (error) {
      return { error };
    }
  };
  let next = readChunk();
  try {
    for (;;) {
      const chunk = await next;
      if (!chunk || stop()) return false;
      if ('error' in chunk) throw chunk.error;
      const { buffer, bytes } = chunk;
      if (bytes === 0) {
        pool.give(buffer);
        return true;
      }
      next = readChunk();
      await send(bytes === buffer.length ? buffer : buffer.subarray(0, bytes), () => pool.give(buffer));
    }
  } finally {
    // A read may still be under way when the request ended: let it finish before the file closes.
    await next;
  }
}
