// Chooses a safe local file name for a download: Content-Disposition (filename* first), else the URL.
import path from 'node:path';
import { parse as parseContentDisposition } from 'content-disposition';
import sanitize from 'sanitize-filename';

const FALLBACK_NAME = 'download';
const MAX_NAME_BYTES = 200;

/** The name the server suggests, or null when it suggests none (or something unusable). */
export function nameFromContentDisposition(header: string | undefined): string | null {
  if (!header) return null;
  try {
    const parsed = parseContentDisposition(header);
    const suggested = parsed.parameters['filename'];
    return suggested ? safeFileName(suggested) : null;
  } catch {
    // Malformed headers are common; fall back to a lenient filename="..." match.
    const match = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
    return match?.[1] ? safeFileName(match[1]) : null;
  }
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
  let base = (suggested.split(/[\\/]/).filter(Boolean).pop() ?? '').trim();
  // Windows device names stay usable as names with a prefix rather than being dropped.
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(base)) base = `_${base}`;
  // Shorten before sanitising (which cuts at 255 bytes and would lose the extension).
  if (Buffer.byteLength(base) > MAX_NAME_BYTES) {
    const ext = path.extname(base).slice(0, 20);
    let stem = base.slice(0, base.length - ext.length);
    while (stem && Buffer.byteLength(stem + ext) > MAX_NAME_BYTES) stem = stem.slice(0, -1);
    base = stem + ext;
  }
  const name = sanitize(base, { replacement: '_' }).trim().replace(/^\.+/, '').trim();
  if (!name || /^_+$/.test(name)) return null;
  return name;
}

export function chooseFileName(contentDispositionHeader: string | undefined, finalUrl: string, requestUrl: string): string {
  return (
    nameFromContentDisposition(contentDispositionHeader) ??
    nameFromUrl(finalUrl) ??
    nameFromUrl(requestUrl) ??
    FALLBACK_NAME
  );
}

/** "name.ext" -> "name (n).ext"; keeps double extensions like .tar.gz together. */
export function numberedName(name: string, n: number): string {
  const match = /^(.*?)((?:\.tar)?\.[A-Za-z0-9]{1,8})?$/.exec(name);
  const stem = match?.[1] || name;
  const ext = match?.[2] ?? '';
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
