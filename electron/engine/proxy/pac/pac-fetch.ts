// A PAC script's text, from its URL: http(s) straight to the server (never through a proxy: the
// script is what says which proxy to use), or a file: URL from disk; at most 1 MiB (Chromium's
// bound too) within 30 s, redirects not followed. Failures name the PAC URL (its password hidden).
import fs from 'node:fs/promises';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { TransferError } from '../../errors/transfer-error.ts';
import { hideUrlPassword } from '../../../../shared/url-password.ts';

export const PAC_MAX_BYTES = 1024 * 1024;
export const PAC_FETCH_TIMEOUT_MS = 30_000;

const shown = (url: URL): string => hideUrlPassword(url.toString());

function cannotLoad(url: URL, reason: string, options: { httpStatus?: number; permanent?: boolean } = {}): TransferError {
  return new TransferError('CannotConnect', `could not load the PAC script ${shown(url)} (the proxy setting is pac): ${reason}`, options);
}

async function readFile(url: URL): Promise<string> {
  try {
    const handle = await fs.open(fileURLToPath(url), 'r');
    try {
      const buffer = Buffer.alloc(PAC_MAX_BYTES + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      if (bytesRead > PAC_MAX_BYTES) throw cannotLoad(url, 'it is larger than 1 MiB', { permanent: true });
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof TransferError) throw error;
    throw cannotLoad(url, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
}

function download(url: URL): Promise<string> {
  return new Promise((resolve, reject) => {
    // Node's https (and TLS, ~2.6 MiB) only for an https PAC URL: a direct `ferry get` loads this module.
    const client = url.protocol === 'https:' ? process.getBuiltinModule('node:https') : http;
    // agent: false: a connection of its own, never a pooled (or proxied) one.
    const request = client.get(url, { agent: false, timeout: PAC_FETCH_TIMEOUT_MS, headers: { accept: 'application/x-ns-proxy-autoconfig, */*' } }, (response) => {
      const status = response.statusCode ?? 0;
      if (status !== 200) {
        response.resume();
        reject(cannotLoad(url, `the server answered HTTP ${status}`, { httpStatus: status }));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > PAC_MAX_BYTES) {
          request.destroy();
          reject(cannotLoad(url, 'it is larger than 1 MiB', { permanent: true }));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      response.on('error', (error) => reject(cannotLoad(url, error.message)));
    });
    const clock = setTimeout(() => request.destroy(new Error(`no whole answer within ${PAC_FETCH_TIMEOUT_MS / 1000} s`)), PAC_FETCH_TIMEOUT_MS);
    request.on('close', () => clearTimeout(clock));
    request.on('timeout', () => request.destroy(new Error(`no answer within ${PAC_FETCH_TIMEOUT_MS / 1000} s`)));
    request.on('error', (error: NodeJS.ErrnoException) => reject(cannotLoad(url, error.code ?? error.message)));
  });
}

/** The script at `url` (http:, https: or file:). */
export function fetchPacScript(url: URL): Promise<string> {
  if (url.protocol === 'file:') return readFile(url);
  if (url.protocol === 'http:' || url.protocol === 'https:') return download(url);
  return Promise.reject(cannotLoad(url, `Ferry reads PAC scripts over http, https or from a file:, not ${url.protocol}`, { permanent: true }));
}
