// Serves the built renderer (dist/renderer) with a strict CSP, and finished files as downloads.
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import type { FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { create as contentDisposition } from 'content-disposition';
import { CSP } from '../../shared/csp.ts';

/**
 * The built renderer: dist/renderer in the nearest folder above this module that has one. This
 * module runs from its source (electron/daemon) or from a chunk of the CLI's bundle
 * (dist/cli/chunks), two and three folders below the checkout.
 */
export const RENDERER_DIR = nearestRenderer(import.meta.dirname);

function nearestRenderer(from: string): string {
  for (let folder = from; ; folder = path.dirname(folder)) {
    const candidate = path.join(folder, 'dist', 'renderer');
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
    if (path.dirname(folder) === folder) return path.resolve(from, '../../dist/renderer');
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};


const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** Resolves a URL path inside `root`, or null if it would leave it. */
export function safeJoin(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const full = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  return full === root || full.startsWith(root + path.sep) ? full : null;
}

/** `root`: the built renderer; the desktop app gives its own (inside the app), the daemon's is beside its bundle. */
export async function serveRenderer(urlPath: string, response: http.ServerResponse, root = RENDERER_DIR, extraHeaders: Record<string, string> = {}): Promise<void> {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
    response.end('The Ferry web UI is not built. Run "npm run build:web" and reload.\n');
    return;
  }
  let file = safeJoin(root, urlPath === '/' ? '/index.html' : urlPath);
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) file = path.join(root, 'index.html');
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  response.writeHead(200, {
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-store',
    ...SECURITY_HEADERS,
    ...extraHeaders,
  });
  await pipeline(fs.createReadStream(file), response);
}

/** A finished download, already opened (and checked to be the file Ferry wrote). */
export interface CompletedFile {
  handle: FileHandle;
  name: string;
}

/** Serves from the open file, never by name again: a link swapped in meanwhile changes nothing. */
export async function serveDownloadedFile(file: CompletedFile, response: http.ServerResponse): Promise<void> {
  try {
    const stat = await file.handle.stat();
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(stat.size),
      'content-disposition': contentDisposition(file.name),
      ...SECURITY_HEADERS,
    });
    await pipeline(file.handle.createReadStream({ autoClose: false }), response);
  } finally {
    await file.handle.close();
  }
}
