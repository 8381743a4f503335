// Reads a JSON file holding an object of objects (the state: `operations` by id) a chunk at a
// time, parsing each inner member on its own. Decoding 100 MB into one string and parsing it whole
// held the bytes, the text and the objects at once (~450 MB at 100,000 transfers). The result is
// what JSON.parse makes of the whole text; anything this reader does not expect (a syntax error, a
// "__proto__" key) is left to JSON.parse of the whole text, so its answer and errors stay the same.
import fs from 'node:fs';

const CHUNK = 4 << 20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** The bytes read so far end inside the value being scanned: read more and scan it again. */
class NeedMore extends Error {}
/** Not the JSON this reader expects: JSON.parse of the whole text decides. */
class Unusual extends Error {}

const isSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The bytes of a file, a window at a time: what was consumed is dropped when more is read. */
class Window {
  bytes = Buffer.alloc(0);
  /** Bytes in `bytes` that hold data. */
  length = 0;
  private readonly fd: number;
  private readonly chunk: number;
  private eof = false;

  constructor(fd: number, chunk: number) {
    this.fd = fd;
    this.chunk = chunk;
  }

  /** Keeps the bytes from `from` on, moved to the front (to 0), and adds the next chunk. */
  more(from: number): void {
    if (this.eof) throw new Unusual('the file ends too soon');
    const kept = this.length - from;
    const size = Math.max(this.chunk, kept * 2);
    const next = size > this.bytes.length ? Buffer.allocUnsafe(size) : this.bytes;
    this.bytes.copy(next, 0, from, this.length);
    this.bytes = next;
    const read = fs.readSync(this.fd, next, kept, next.length - kept, null);
    if (read === 0) this.eof = true;
    this.length = kept + read;
  }

  get ended(): boolean {
    return this.eof;
  }

  at(i: number): number {
    if (i >= this.length) throw new NeedMore();
    return this.bytes[i]!;
  }

  /** Index of the first byte at or after `i` that is not JSON whitespace. */
  skipSpace(i: number): number {
    while (isSpace(this.at(i))) i++;
    return i;
  }

  /** Index just after the string that starts at `i`. */
  stringEnd(i: number): number {
    const { bytes, length } = this;
    for (i++; i < length; i++) {
      const c = bytes[i];
      if (c === QUOTE) return i + 1;
      if (c === BACKSLASH) i++;
    }
    throw new NeedMore();
  }

  /** Index just after the value that starts at `i` (its syntax is JSON.parse's to check). */
  valueEnd(i: number): number {
    const { bytes, length } = this;
    const first = this.at(i);
    if (first === QUOTE) return this.stringEnd(i);
    if (first !== OPEN && first !== OPEN_ARRAY) {
      for (; i < length; i++) {
        const c = bytes[i]!;
        if (c === COMMA || c === CLOSE || c === CLOSE_ARRAY || isSpace(c)) return i;
      }
      if (this.eof) return i;
      throw new NeedMore();
    }
    let depth = 0;
    for (; i < length; i++) {
      const c = bytes[i];
      if (c === QUOTE) i = this.stringEnd(i) - 1;
      else if (c === OPEN || c === OPEN_ARRAY) depth++;
      else if ((c === CLOSE || c === CLOSE_ARRAY) && --depth === 0) return i + 1;
    }
    throw new NeedMore();
  }

  parse(start: number, end: number): unknown {
    return JSON.parse(this.bytes.toString('utf8', start, end));
  }
}

/** An object being read, and what comes next in it. */
type Level = { object: Record<string, unknown>; expect: 'first' | 'member' | 'next' };

/**
 * One step of the reading (a member, or what follows one) from `i`; returns where the next starts.
 * Whatever it changes, it changes after its last read of the bytes: a step that runs out of them
 * (NeedMore) is taken again from its start, with more.
 */
function step(window: Window, levels: Level[], i: number): number {
  const level = levels[levels.length - 1]!;
  i = window.skipSpace(i);
  const c = window.at(i);
  if (level.expect === 'next' || (level.expect === 'first' && c === CLOSE)) {
    if (c === CLOSE) levels.pop();
    else if (c === COMMA) level.expect = 'member';
    else throw new Unusual('a comma or a closing brace was expected');
    return i + 1;
  }
  if (c !== QUOTE) throw new Unusual('a key was expected');
  const keyEnd = window.stringEnd(i);
  const colon = window.skipSpace(keyEnd);
  if (window.at(colon) !== COLON) throw new Unusual('a colon was expected');
  const start = window.skipSpace(colon + 1);
  // An object at the top: its members are read one by one, in the next steps.
  const opens = levels.length === 1 && window.at(start) === OPEN;
  const end = opens ? start + 1 : window.valueEnd(start);
  const key = window.parse(i, keyEnd) as string;
  if (key === '__proto__') throw new Unusual('a key JSON.parse makes an own property');
  const value = opens ? {} : window.parse(start, end);
  level.object[key] = value;
  level.expect = 'next';
  if (opens) levels.push({ object: value as Record<string, unknown>, expect: 'first' });
  return end;
}

/** `read` from `i`, taken again from its start with more bytes whenever they end inside it. */
function whole(window: Window, i: number, read: (i: number) => number): number {
  for (;;) {
    try {
      return read(i);
    } catch (error) {
      if (!(error instanceof NeedMore)) throw error;
      window.more(i);
      i = 0;
    }
  }
}

/** The object in the file `fd` is open on, as JSON.parse would make it; Unusual when this reader cannot tell. */
function readMembers(fd: number, chunk: number): Record<string, unknown> {
  const window = new Window(fd, chunk);
  const top: Level = { object: {}, expect: 'first' };
  let i = whole(window, 0, (at) => {
    const open = window.skipSpace(at);
    if (window.at(open) !== OPEN) throw new Unusual('not an object');
    return open + 1;
  });
  const levels = [top];
  while (levels.length > 0) i = whole(window, i, (at) => step(window, levels, at));
  for (;;) {
    try {
      window.skipSpace(i);
      throw new Unusual('something follows the object');
    } catch (error) {
      if (!(error instanceof NeedMore)) throw error;
      if (window.ended) return top.object;
      window.more(i);
      i = 0;
    }
  }
}

/**
 * The value in a JSON file, as JSON.parse of its text would make it (and throwing what it throws).
 * `chunk`: how many bytes are read at a time (tests read a few at a time to cut values anywhere).
 */
export function readJsonFile(file: string, chunk = CHUNK): unknown {
  return readObjectMembers(file, chunk) ?? JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The object in a JSON file, read member by member; null when JSON.parse of the whole text must decide. */
export function readObjectMembers(file: string, chunk = CHUNK): Record<string, unknown> | null {
  const fd = fs.openSync(file, 'r');
  try {
    return readMembers(fd, chunk);
  } catch (error) {
    if (error instanceof Unusual || error instanceof SyntaxError) return null;
    throw error;
  } finally {
    fs.closeSync(fd);
  }
}
