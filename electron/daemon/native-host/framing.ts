// The browsers' native-messaging framing: each message is a 32-bit length in the machine's own byte
// order, then that many bytes of UTF-8 JSON. A message over the limit, or one that is not JSON, is
// reported as a problem and skipped; the reader stays in step with the stream whatever comes in.
import os from 'node:os';
import { NATIVE_MESSAGE_MAX_BYTES } from '../../../shared/browser-extension.ts';

const LITTLE = os.endianness() === 'LE';
const HEADER_BYTES = 4;

export type Frame = { message: unknown } | { problem: string };

export class FrameTooLarge extends Error {}

/** One message as the browser expects it; throws FrameTooLarge over `max` bytes of JSON. */
export function encodeFrame(message: unknown, max = NATIVE_MESSAGE_MAX_BYTES): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  if (body.length > max) throw new FrameTooLarge(`a message of ${body.length} bytes is over the ${max}-byte limit of native messaging`);
  const frame = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  if (LITTLE) frame.writeUInt32LE(body.length, 0);
  else frame.writeUInt32BE(body.length, 0);
  body.copy(frame, HEADER_BYTES);
  return frame;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Turns the bytes of stdin, in whatever chunks they come, into messages (or problems) in order. */
export class FrameReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** The length of the message being read; null while reading a length. */
  private expected: number | null = null;
  /** Bytes of an oversized message still to throw away. */
  private skipping = 0;

  private readonly max: number;

  constructor(max = NATIVE_MESSAGE_MAX_BYTES) {
    this.max = max;
  }

  push(chunk: Buffer): Frame[] {
    const frames: Frame[] = [];
    let data = chunk;
    while (data.length > 0) {
      if (this.skipping > 0) {
        const dropped = Math.min(this.skipping, data.length);
        this.skipping -= dropped;
        data = data.subarray(dropped);
        continue;
      }
      const want = this.expected ?? HEADER_BYTES;
      const take = Math.min(want - this.pendingBytes, data.length);
      this.pending.push(data.subarray(0, take));
      this.pendingBytes += take;
      data = data.subarray(take);
      if (this.pendingBytes < want) break;
      const whole = Buffer.concat(this.pending);
      this.pending = [];
      this.pendingBytes = 0;
      if (this.expected === null) {
        const length = LITTLE ? whole.readUInt32LE(0) : whole.readUInt32BE(0);
        if (length > this.max) {
          this.skipping = length;
          frames.push({ problem: `a message of ${length} bytes is over the ${this.max}-byte limit; it was skipped` });
        } else if (length === 0) {
          frames.push({ problem: 'an empty message is not JSON' });
        } else {
          this.expected = length;
        }
        continue;
      }
      this.expected = null;
      frames.push(decodeBody(whole));
    }
    return frames;
  }

  /** True while a message has begun but not all of it has come (stdin closing then cuts it short). */
  get midMessage(): boolean {
    return this.pendingBytes > 0 || this.expected !== null || this.skipping > 0;
  }
}

function decodeBody(body: Buffer): Frame {
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    return { problem: 'the message is not UTF-8' };
  }
  try {
    return { message: JSON.parse(text) as unknown };
  } catch {
    return { problem: 'the message is not JSON' };
  }
}
