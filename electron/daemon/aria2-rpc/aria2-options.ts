// aria2's options as Ferry takes them. Each option Ferry honours becomes the field of a request,
// a transfer or the settings it means; any other is refused by name, never accepted and ignored.
import path from 'node:path';
import type { DownloadRequest, SettingsPatch } from '../../../shared/schemas.ts';
import { MAX_CONNECTIONS } from '../../../shared/model.ts';
import { Aria2RpcError } from './rpc-error.ts';

/** Options of aria2.addUri that Ferry honours. */
export const ADD_OPTIONS = ['dir', 'out', 'header', 'max-download-limit', 'split'] as const;
/** Options of aria2.changeOption (a running download's own limit). */
export const CHANGE_OPTIONS = ['max-download-limit'] as const;
/** Options of aria2.changeGlobalOption. */
export const GLOBAL_OPTIONS = ['max-overall-download-limit', 'max-overall-upload-limit', 'max-concurrent-downloads'] as const;

type Options = Record<string, unknown>;

/** `raw` as an options object, with every key one of `known`. */
function checkedOptions(raw: unknown, known: readonly string[], method: string): Options {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Aria2RpcError(`${method}: the options must be a JSON object (struct)`);
  const unknown = Object.keys(raw).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new Aria2RpcError(`${method}: Ferry does not honour the option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')}; it takes ${known.join(', ')}`);
  }
  return raw as Options;
}

/** aria2 sends option values as strings; numbers are taken too. */
function text(options: Options, key: string): string | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new Aria2RpcError(`the option ${key} takes a string, not ${JSON.stringify(value)}`);
}

/** A speed as aria2 writes it: bytes per second, or with K or M (1024 and 1024², as aria2 counts); 0: none. */
export function aria2Speed(key: string, value: string): number {
  const match = /^\s*(\d+)\s*([kKmM]?)\s*$/.exec(value);
  const bytes = match ? Number(match[1]) * (match[2] ? (match[2].toLowerCase() === 'k' ? 1024 : 1024 ** 2) : 1) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes > 1e12) throw new Aria2RpcError(`the option ${key} takes a speed such as 500K, 2M or 1048576 (bytes per second), or 0 for none; got ${JSON.stringify(value)}`);
  return bytes;
}

function wholeNumber(key: string, value: string, min: number, max: number): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new Aria2RpcError(`the option ${key} takes a whole number from ${min} to ${max}; got ${JSON.stringify(value)}`);
  return n;
}

/** `header` as aria2 takes it: one "Name: value" string or a list of them. */
function headers(value: unknown): Record<string, string> {
  const lines = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
  if (!lines || lines.some((line) => typeof line !== 'string')) throw new Aria2RpcError('the option header takes "Name: value" strings');
  const out: Record<string, string> = {};
  for (const line of lines as string[]) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Aria2RpcError(`the option header takes "Name: value"; got a line without a name (${JSON.stringify(line.slice(0, 40))})`);
    out[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return out;
}

/** aria2.addUri's options as the fields of Ferry's download request (the engine checks the rest); `out` alone goes to `downloadDir`. */
export function downloadFields(raw: unknown, downloadDir: string): Omit<DownloadRequest, 'url'> {
  const options = checkedOptions(raw, ADD_OPTIONS, 'aria2.addUri');
  const fields: Omit<DownloadRequest, 'url'> = {};
  const dir = text(options, 'dir');
  const out = text(options, 'out');
  if (dir !== undefined && !path.isAbsolute(dir)) throw new Aria2RpcError(`the option dir takes an absolute folder; got ${JSON.stringify(dir)}`);
  if (out !== undefined) {
    // aria2 lets `out` reach into folders under dir; Ferry takes a file name there, so no name can leave dir.
    if (out === '' || out !== path.basename(out) || out === '.' || out === '..' || out.includes('\\')) {
      throw new Aria2RpcError(`the option out takes a file name without folders (use dir for the folder); got ${JSON.stringify(out)}`);
    }
    fields.path = path.join(dir ?? downloadDir, out);
  } else if (dir !== undefined) {
    fields.dir = dir;
  }
  if (options['header'] !== undefined) fields.headers = headers(options['header']);
  const limit = text(options, 'max-download-limit');
  if (limit !== undefined) fields.limitBytesPerSec = aria2Speed('max-download-limit', limit);
  const split = text(options, 'split');
  if (split !== undefined) fields.connections = wholeNumber('split', split, 1, MAX_CONNECTIONS);
  return withoutUndefined(fields);
}

/** aria2.changeOption's options: the transfer's own speed limit (null: none). */
export function changedLimit(raw: unknown): number | null | undefined {
  const options = checkedOptions(raw, CHANGE_OPTIONS, 'aria2.changeOption');
  const limit = text(options, 'max-download-limit');
  if (limit === undefined) return undefined;
  return aria2Speed('max-download-limit', limit) || null;
}

/** aria2.changeGlobalOption's options as a settings patch. */
export function globalPatch(raw: unknown, maxConcurrent: { min: number; max: number }): SettingsPatch {
  const options = checkedOptions(raw, GLOBAL_OPTIONS, 'aria2.changeGlobalOption');
  const patch: SettingsPatch = {};
  const down = text(options, 'max-overall-download-limit');
  if (down !== undefined) patch.downloadLimitBytesPerSec = aria2Speed('max-overall-download-limit', down);
  const up = text(options, 'max-overall-upload-limit');
  if (up !== undefined) patch.uploadLimitBytesPerSec = aria2Speed('max-overall-upload-limit', up);
  const concurrent = text(options, 'max-concurrent-downloads');
  if (concurrent !== undefined) patch.maxConcurrent = wholeNumber('max-concurrent-downloads', concurrent, maxConcurrent.min, maxConcurrent.max);
  return patch;
}

function withoutUndefined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}
