// The file name a Content-Disposition header suggests, read as RFC 6266 says (and as the tc2231
// suite measures a user agent): a header that does not follow the grammar is ignored as a whole
// (the name then comes from the URL); filename* (RFC 8187) wins over filename; RFC 2231
// continuations (filename*0=, filename*1*=...) are joined; a filename* in a charset that cannot be
// decoded is ignored; raw UTF-8 in filename="..." is read as UTF-8, as browsers do.
// The content-disposition package's parse() is lenient on purpose and takes names a correct agent
// ignores (from inside a quoted string, from two header fields, after a malformed type).

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const ATTR_CHAR = /^[!#$&+.^_`|~0-9A-Za-z-]$/;

interface Param {
  name: string;
  value: string;
  /** Written as an ext-value (charset'lang'pct-encoded), not a token or quoted string. */
  extended: boolean;
}

class Malformed extends Error {}

/** Splits the header into its disposition type and parameters, or throws Malformed. */
function parse(header: string): { type: string; params: Param[] } {
  let i = 0;
  const skipSpace = () => {
    while (header[i] === ' ' || header[i] === '\t') i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < header.length && TOKEN.test(header[i]!)) i++;
    if (i === start) throw new Malformed('token expected');
    return header.slice(start, i);
  };
  const readQuoted = (): string => {
    i++; // opening quote
    let out = '';
    while (i < header.length && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < header.length) i++;
      out += header[i++];
    }
    if (header[i] !== '"') throw new Malformed('unterminated quoted string');
    i++;
    return out;
  };

  skipSpace();
  const type = readToken().toLowerCase();
  const params: Param[] = [];
  skipSpace();
  while (i < header.length) {
    if (header[i] !== ';') throw new Malformed('";" expected');
    i++;
    skipSpace();
    const name = readToken().toLowerCase();
    skipSpace();
    if (header[i] !== '=') throw new Malformed('"=" expected');
    i++;
    skipSpace();
    const extended = name.endsWith('*');
    let value: string;
    if (header[i] === '"') {
      // An ext-value is never quoted (RFC 8187); only continuation parts like filename*0= are.
      if (extended) throw new Malformed('quoted ext-value');
      value = readQuoted();
    } else {
      value = readToken();
    }
    if (params.some((p) => p.name === name)) throw new Malformed(`duplicate parameter ${name}`);
    params.push({ name, value, extended });
    skipSpace();
  }
  return { type, params };
}

/** Reads latin1-decoded header text as the UTF-8 it was sent as, when it is valid UTF-8. */
function rawUtf8(text: string): string {
  if (!/[\u0080-\u00ff]/.test(text)) return text;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(text, 'latin1'));
  } catch {
    return text;
  }
}

function percentDecodeBytes(text: string): Buffer | null {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (ATTR_CHAR.test(char)) {
      bytes.push(char.charCodeAt(0));
    } else {
      return null;
    }
  }
  return Buffer.from(bytes);
}

function decodeCharset(bytes: Buffer, charset: string): string | null {
  try {
    return new TextDecoder(charset.toLowerCase() === 'iso-8859-1' ? 'latin1' : charset, { fatal: true }).decode(bytes);
  } catch {
    return null; // an unknown charset, or bytes that are not valid in it
  }
}

/** An RFC 8187 ext-value (charset'language'value-chars), or null when it is malformed or undecodable. */
function decodeExtValue(value: string): string | null {
  const match = /^([!#$%&+^_`{}~0-9A-Za-z-]+)'([0-9A-Za-z-]*)'(.*)$/.exec(value);
  if (!match) return null;
  const bytes = percentDecodeBytes(match[3]!);
  return bytes ? decodeCharset(bytes, match[1]!) : null;
}

/** RFC 2231 continuations: filename*0, *1, ... from 0 with no gaps and no leading zeros; *N* parts are encoded. */
function joinContinuations(params: Param[]): string | null {
  const parts = new Map<number, Param>();
  for (const p of params) {
    const match = /^filename\*(0|[1-9]\d*)(\*?)$/.exec(p.name);
    if (match) parts.set(Number(match[1]), { ...p, extended: match[2] === '*' });
  }
  if (!parts.has(0)) return null;
  const first = parts.get(0)!;
  let charset = 'utf-8';
  const bytes: Buffer[] = [];
  for (let n = 0; parts.has(n); n++) {
    const part = parts.get(n)!;
    if (!part.extended) {
      bytes.push(Buffer.from(part.value, 'latin1'));
      continue;
    }
    let raw = part.value;
    if (n === 0) {
      const head = /^([!#$%&+^_`{}~0-9A-Za-z-]+)'([0-9A-Za-z-]*)'(.*)$/.exec(raw);
      if (!head) return null;
      charset = head[1]!;
      raw = head[3]!;
    }
    const decoded = percentDecodeBytes(raw);
    if (!decoded) return null;
    bytes.push(decoded);
  }
  const joined = Buffer.concat(bytes);
  return first.extended ? decodeCharset(joined, charset) : rawUtf8(joined.toString('latin1'));
}

/**
 * The suggested file name (not yet made safe for the disk), or null when the header suggests
 * none or does not follow the grammar. `fieldCount` > 1 (the header came twice) is ignored too.
 */
export function filenameFromContentDisposition(header: string | undefined, fieldCount = 1): string | null {
  if (!header || fieldCount > 1) return null;
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(header);
  } catch (error) {
    if (error instanceof Malformed) return null;
    throw error;
  }
  const { params } = parsed;
  const star = params.find((p) => p.name === 'filename*');
  const fromStar = star ? decodeExtValue(star.value) : null;
  if (fromStar) return fromStar;
  const continued = joinContinuations(params);
  if (continued) return continued;
  const plain = params.find((p) => p.name === 'filename');
  return plain ? rawUtf8(plain.value) : null;
}
