// Whether a folder can hold downloads, without creating it: it is a writable folder, or the nearest
// folder above it that exists is, so it can be made when a download needs it (as wget -P does).
// Settings warn with this as the user types, and refuse to save a folder that cannot work.
import fs from 'node:fs';
import path from 'node:path';
import { expandHome } from './transfer-request.ts';

/** What is wrong with `dir` as a download folder, in words; null when it can be used. */
export function folderProblem(dir: string): string | null {
  if (!dir.trim()) return 'give a folder';
  const wanted = path.resolve(expandHome(dir.trim()));
  let existing = wanted;
  for (;;) {
    let stat: fs.Stats | null = null;
    try {
      stat = fs.statSync(existing);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') return `${wanted} cannot be created: a file is in the way`;
      if (code !== 'ENOENT') return `${wanted} cannot be used (${code ?? 'error'})`;
    }
    if (stat) {
      if (!stat.isDirectory()) return existing === wanted ? `${wanted} is a file, not a folder` : `${wanted} cannot be created: ${existing} is a file`;
      try {
        fs.accessSync(existing, fs.constants.W_OK | fs.constants.X_OK);
      } catch {
        return existing === wanted ? `the folder ${wanted} is not writable` : `${wanted} cannot be created: ${existing} is not writable`;
      }
      return null;
    }
    const parent = path.dirname(existing);
    if (parent === existing) return `${wanted} cannot be created`;
    existing = parent;
  }
}
