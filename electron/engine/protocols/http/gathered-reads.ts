// A proxied connection's reads, gathered before the HTTP parser sees them. Why: squid hands a body
// on in pieces of ~32 KiB, and a client as quick as ours reads each on its own: 1 GiB through squid
// on loopback was ~32,000 reads, each a trip through the parser, a new buffer for its body piece and
// a write into the file's queue (direct connections read 256 KiB at a time: 4,000). Gathered, the
// parser sees a piece of 128 KiB or more, or what came in the last millisecond. After a small read
// the connection is not read again for that millisecond, so the next read takes what came meanwhile
// in one call instead of many (512 MiB through squid, read to nowhere: 0.71-0.85 CPU s against
// 1.23-1.40 reading at once, and no slower: the wait never follows a read of 64 KiB or more).
// How: the `onread` option of net.connect and tls.connect with a function for its buffer: each read
// lands after the last in one buffer per connection, handed on as one 'data' (as read-buffer-agent.ts
// does) once 128 KiB are there, the buffer's end is near, a millisecond passed, or the connection
// ends. The parser copies what it keeps before returning, so the buffer starts over once handed on.
import type { Duplex } from 'node:stream';
import { ioBuffer } from '../../storage/aligned-memory.ts';

const BUFFER_BYTES = 256 * 1024;
/** Handed on at this much; and before a read would get less than a quarter of the buffer. */
const HAND_ON_BYTES = BUFFER_BYTES / 2;
const LEAST_READ_BYTES = BUFFER_BYTES / 4;
const WAIT_MS = 1;

export interface GatheredReads {
  buffer: () => Buffer;
  callback: (this: Duplex, read: number) => boolean;
}

/** The `onread` option for one connection (its own buffer: reads wait in it across turns of the loop). */
export function gatheredReads(): GatheredReads {
  const memory = ioBuffer(BUFFER_BYTES);
  /** What was read and not yet handed on: memory[start, end). */
  let start = 0;
  let end = 0;
  let timer: NodeJS.Timeout | null = null;
  let socket: Duplex | null = null;
  /** Reading stopped by us after a small read (returning false stops it; a paused socket's user restarts it). */
  let resting = false;
  const handOn = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!socket) return;
    if (end > start) {
      const from = start;
      start = end;
      socket.emit('data', memory.subarray(from, end));
    }
    if (resting) {
      resting = false;
      // Reading starts again as Node's own resume() does it; unless the HTTP client paused the
      // socket meanwhile (its resume() will start it).
      if (!socket.destroyed && !socket.isPaused()) socket._read(0);
    }
  };
  const adopt = (reading: Duplex): void => {
    socket = reading;
    // Before the HTTP client's own listener: the last bytes reach the parser before the end.
    reading.prependListener('end', handOn);
    reading.once('close', () => timer && clearTimeout(timer));
  };
  return {
    // Node asks for the next read's buffer after each read: where the last one ended.
    buffer: () => {
      if (start === end) start = end = 0;
      return memory.subarray(end);
    },
    callback(this: Duplex, read: number) {
      if (!socket) adopt(this);
      end += read;
      if (end - start >= HAND_ON_BYTES || BUFFER_BYTES - end < LEAST_READ_BYTES) {
        handOn();
        return true;
      }
      timer ??= setTimeout(handOn, WAIT_MS);
      if (read >= LEAST_READ_BYTES) return true;
      resting = true;
      return false;
    },
  };
}
