// The browser UI's folder chooser on the daemon's side: one folder's subfolders (names only, never
// files), and "New folder". It shows only the folders the user navigates to or types; a folder
// it cannot read is refused in words. The daemon's API checks the caller (token, Host, Origin).
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { FOLDER_LISTING_MAX, type FolderListing, type ListFolderOptions } from '../../shared/folders.ts';
import { TransferError } from '../engine/errors/transfer-error.ts';
import { expandHome } from '../engine/intake/transfer-request.ts';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A typed folder as a full path: "~" is the home folder; a relative path is refused (relative to what?). */
function fullPath(typed: string): string {
  const expanded = expandHome(typed.trim());
  if (!path.isAbsolute(expanded)) throw new TransferError('InvalidArgument', `type a full path, starting with ${path.sep} or ~ ("${typed}" is relative)`);
  return path.resolve(expanded);
}

/** Why a folder cannot be listed or used, in words. */
function refusal(error: unknown, dir: string): TransferError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new TransferError('NotFound', `there is no folder ${dir}`);
  if (code === 'ENOTDIR') return new TransferError('InvalidArgument', `${dir} is a file, not a folder`);
  if (code === 'EACCES' || code === 'EPERM') return new TransferError('FileAccessDenied', `Ferry may not read the folder ${dir} (permission denied)`);
  return new TransferError('FileAccessDenied', `Ferry cannot read the folder ${dir}: ${(error as Error).message}`);
}

async function isFolder(dir: string, entry: Dirent): Promise<boolean> {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  // A link to a folder is one to the person choosing (~/Downloads -> /data/downloads).
  return fs.stat(path.join(dir, entry.name)).then((s) => s.isDirectory(), () => false);
}

async function listing(dir: string, options: ListFolderOptions): Promise<FolderListing> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw refusal(error, dir);
  }
  const named = entries.filter((e) => options.hidden || !e.name.startsWith('.'));
  const folders: string[] = [];
  for (const entry of named) if (await isFolder(dir, entry)) folders.push(entry.name);
  folders.sort(collator.compare);
  const parent = path.dirname(dir);
  return { path: dir, parent: parent === dir ? null : parent, folders: folders.slice(0, FOLDER_LISTING_MAX), truncated: folders.length > FOLDER_LISTING_MAX };
}

/** The nearest folder that exists at or above `dir` (a download folder not made yet starts the chooser at its parent). */
async function nearestExisting(dir: string): Promise<string> {
  for (let at = dir; ; at = path.dirname(at)) {
    const stat = await fs.stat(at).catch(() => null);
    if (stat?.isDirectory() || path.dirname(at) === at) return at;
  }
}

export interface FolderChooser {
  listFolder(dir: string | null, options?: ListFolderOptions): Promise<FolderListing>;
  makeFolder(parent: string, name: string): Promise<FolderListing>;
}

/** `downloadDir`: the download folder setting, where the chooser starts when given no folder. */
export function folderChooser(downloadDir: () => Promise<string>): FolderChooser {
  return {
    async listFolder(dir, options = {}) {
      if (dir === null || dir.trim() === '') return listing(await nearestExisting(fullPath(await downloadDir())), options);
      return listing(fullPath(dir), options);
    },
    async makeFolder(parent, name) {
      const problem = folderNameProblem(name);
      if (problem) throw new TransferError('InvalidArgument', problem);
      const dir = fullPath(parent);
      const made = path.join(dir, name);
      try {
        await fs.mkdir(made);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new TransferError('InvalidArgument', `${dir} already has a folder or file named "${name}"`);
        if (code === 'EACCES' || code === 'EPERM') throw new TransferError('FileAccessDenied', `Ferry may not make a folder in ${dir} (permission denied)`);
        throw refusal(error, dir);
      }
      return listing(made, {});
    },
  };
}

/** What is wrong with a new folder's name, or null. */
export function folderNameProblem(name: string): string | null {
  if (name.trim() === '') return 'enter a name for the new folder';
  if (/[/\\\0]/.test(name)) return `a folder name cannot contain / or \\ ("${name.replace(/\0/g, '')}")`;
  if (name === '.' || name === '..') return `"${name}" is not a folder name`;
  if (name !== name.trim()) return 'a folder name cannot start or end with a space';
  if (Buffer.byteLength(name) > 255) return 'that folder name is too long (at most 255 bytes)';
  return null;
}
