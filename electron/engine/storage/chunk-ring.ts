// Where a download's bytes wait for the disk: one ring of memory per writer, reused. Why: the HTTP
// parser hands over each body piece in a fresh buffer, and a piece still queued when the garbage
// collector runs outlives it and moves to the old generation, which is collected rarely; on a fast
// link those pieces piled up to tens of MiB (`ferry get` of 1 GiB peaked at 150-220 MiB). Copied
// here at once, the parser's buffers die young and the queue's memory stays the ring's size.

/** One copy in the ring: its bytes and the span it took (with the end skipped to stay contiguous). */
interface Held {
  bytes: number;
  span: number;
}

export class ChunkRing {
  private readonly memory: Buffer;
  /** Where the next copy goes and where the oldest held copy starts. */
  private head = 0;
  private tail = 0;
  private used = 0;
  private readonly held: Held[] = [];
  /** Bytes released by the writer but not yet matched to whole copies (a batch may end mid-copy). */
  private released = 0;

  constructor(bytes: number) {
    this.memory = Buffer.allocUnsafeSlow(bytes);
  }

  /** A copy of `chunk` in the ring, or `chunk` itself when the ring has no room for it. */
  hold(chunk: Buffer): Buffer {
    const size = this.memory.length;
    let at = this.head;
    let skip = 0;
    if (at + chunk.length > size) {
      // Contiguous copies only: the end of the ring is skipped and the copy starts over at 0.
      skip = size - at;
      at = 0;
    }
    if (chunk.length === 0 || this.used + skip + chunk.length > size || (this.used > 0 && at < this.tail && at + chunk.length > this.tail)) {
      this.held.push({ bytes: chunk.length, span: 0 });
      return chunk;
    }
    chunk.copy(this.memory, at);
    this.head = at + chunk.length;
    this.used += skip + chunk.length;
    this.held.push({ bytes: chunk.length, span: skip + chunk.length });
    return this.memory.subarray(at, at + chunk.length);
  }

  /** The writer wrote `bytes` more, in the order they were held: their copies may be reused. */
  release(bytes: number): void {
    this.released += bytes;
    while (this.held.length > 0 && this.released >= this.held[0]!.bytes) {
      const { bytes: done, span } = this.held.shift()!;
      this.released -= done;
      this.used -= span;
      this.tail = (this.tail + span) % this.memory.length;
    }
    if (this.used === 0) this.head = this.tail = 0;
  }
}
