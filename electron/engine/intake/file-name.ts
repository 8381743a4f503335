// Chooses a safe local file name for a download: Content-Disposition (filename* first), else the URL.
import path from 'node:path';
import sanitize from 'sanitize-filename';
import { filenameFromContentDisposition } from '../protocols/http/content-disposition.ts';

const FALLBACK_NAME = 'download';
const MAX_NAME_BYTES = 200;
/** Bidirectional controls reorder what a name shows ("invoice\u202Efdp.exe" reads "invoiceexe.pdf"): removed, as Chromium does. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** The extension kept together when a name is numbered or shortened: ".tar.gz" as one. */
const EXTENSION = /^(.*?)((?:\.tar)?\.[A-Za-z0-9]{1,8})?$/;

/** The name the server suggests, or null when it suggests none (or something unusable). */
export function nameFromContentDisposition(header: string | undefined, fieldCount = 1): string | null {
  const suggested = filenameFromContentDisposition(header, fieldCount);
  return suggested ? safeFileName(suggested) : null;
}

export function nameFromUrl(url: string): string | null {
  try {
    const { pathname } = new URL(url);
    const last = pathname.split('/').filter(Boolean).pop();
    if (!last) return null;
    let decoded = last;
    try {
      decoded = decodeURIComponent(last);
    } catch {
      // keep it encoded rather than fail
    }
    return safeFileName(decoded);
  } catch {
    return null;
  }
}

/**
 * Reduces a suggested name to one file in the target folder: the last path segment only (no
 * traversal), no control or reserved characters, no Windows device names, no leading dots that
 * would hide it, and a bounded length that keeps the extension.
 */
export function safeFileName(suggested: string): string | null {
  let base = (suggested.replace(BIDI_CONTROLS, '').split(/[\\/]/).filter(Boolean).pop() ?? '').trim();
  // Windows device names stay usable as names with a prefix rather than being dropped.
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(base)) base = `_${base}`;
  // Shorten before sanitising (which cuts at 255 bytes and would lose the extension).
  if (Buffer.byteLength(base) > MAX_NAME_BYTES) {
    const [stemPart, ext] = splitExtension(base);
    let stem = stemPart;
    while (stem && Buffer.byteLength(stem + ext) > MAX_NAME_BYTES) stem = stem.slice(0, -1);
    base = stem + ext;
  }
  const name = sanitize(base, { replacement: '_' }).trim().replace(/^\.+/, '').trim();
  if (!name || /^_+$/.test(name)) return null;
  return name;
}

function splitExtension(name: string): [stem: string, ext: string] {
  const match = EXTENSION.exec(name);
  return [match?.[1] || name, match?.[2] ?? ''];
}

/** The name to save under: the server's suggestion (already read from its header), else the URLs'. */
export function chooseFileName(suggested: string | null, finalUrl: string, requestUrl: string): string {
  return (suggested ? safeFileName(suggested) : null) ?? nameFromUrl(finalUrl) ?? nameFromUrl(requestUrl) ?? FALLBACK_NAME;
}

/** "name.ext" -> "name (n).ext"; keeps double extensions like .tar.gz together. */
export function numberedName(name: string, n: number): string {
  const [stem, ext] = splitExtension(name);
  return `${stem} (${n})${ext}`;
}

/**
 * First name in `dir` not taken on disk (neither the file nor its .part) nor reserved by another
 * transfer. `isTaken` is given the full candidate path.
 */
export function uniquePath(dir: string, name: string, isTaken: (candidate: string) => boolean): string {
  let candidate = path.join(dir, name);
  for (let n = 1; isTaken(candidate); n++) {
    candidate = path.join(dir, numberedName(name, n));
    if (n > 10_000) throw new Error(`no free file name for ${name} in ${dir}`);
  }
  return candidate;
}
