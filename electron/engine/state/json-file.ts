// The JSON files Ferry keeps (the state, the secrets): read once at start, a damaged one moved
// aside with what was wrong, written atomically in the background, side files created 0600.
import fs from 'node:fs';
import { moveAside } from './store.ts';
import { readJsonFile } from './json-object-reader.ts';

/** A file that is there but is not the JSON object Ferry writes; `problem` says how. */
export class DamagedFile extends Error {
  readonly problem: string;
  constructor(problem: string) {
    super(problem);
    this.problem = problem;
  }
}

/** The object a JSON file holds, or null when there is no file; DamagedFile when it holds something else. */
export function readObjectFile(file: string): Record<string, unknown> | null {
  let raw: unknown;
  try {
    raw = readJsonFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (error instanceof SyntaxError) throw new DamagedFile(`could not be read (${error.message})`);
    throw error;
  }
  const shape = raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw === 'object' ? null : `a ${typeof raw}`;
  if (shape) throw new DamagedFile(`holds ${shape}, not the object Ferry writes`);
  return raw as Record<string, unknown>;
}

/** The object in `file`; a damaged file is moved aside (`aside` is told where) and read as missing. */
export function readOrSetAside(file: string, aside: (problem: string, movedTo: string) => void): Record<string, unknown> | null {
  try {
    return readObjectFile(file);
  } catch (error) {
    if (!(error instanceof DamagedFile)) throw error;
    aside(error.problem, moveAside(file));
    return null;
  }
}

/** Writes a new file only its owner can read; never through a file or link already there. */
export function writeSideFile(file: string, value: unknown): void {
  fs.writeFileSync(file, JSON.stringify(value, null, 2), { mode: 0o600, flag: 'wx' });
}

/**
 * Writes `json` to `file` atomically (temp + rename, 0600). tmpPurge off: atomically deletes its
 * temporary files when a signal comes, even when Ferry handles that signal and goes on (Ctrl-C
 * pauses `ferry get`), which failed the write under way. Loaded at the first write: a foreground
 * upload keeps its job in memory (~3 ms).
 */
export async function writeAtomically(file: string, json: string): Promise<void> {
  await (await import('atomically')).writeFile(file, json, { mode: 0o600, tmpPurge: false });
}
