// Whether a folder can take downloads, checked without making it.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir } from '../helpers/engine.ts';
import { folderProblem } from '../../electron/engine/intake/folder-check.ts';

let dir: string;
beforeEach(() => {
  dir = tempDir('ferry-folder-');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('accepts a writable folder, and one that can be made under it (without making it)', () => {
  expect(folderProblem(dir)).toBeNull();
  expect(folderProblem(path.join(dir, 'a', 'b', 'c'))).toBeNull();
  expect(fs.existsSync(path.join(dir, 'a'))).toBe(false);
});

it('names what is wrong: a file in the way, a file given as the folder, nothing given', () => {
  fs.writeFileSync(path.join(dir, 'file.txt'), 'x');
  expect(folderProblem(path.join(dir, 'file.txt', 'sub'))).toBe(`${path.join(dir, 'file.txt', 'sub')} cannot be created: a file is in the way`);
  expect(folderProblem(path.join(dir, 'file.txt'))).toBe(`${path.join(dir, 'file.txt')} is a file, not a folder`);
  expect(folderProblem('  ')).toBe('give a folder');
});

it('says a folder is not writable (as a user root is not, where root would pass)', () => {
  const locked = path.join(dir, 'locked');
  fs.mkdirSync(locked, { mode: 0o500 });
  if (process.getuid?.() === 0) expect(folderProblem(locked)).toBeNull();
  else expect(folderProblem(path.join(locked, 'new'))).toBe(`${path.join(locked, 'new')} cannot be created: ${locked} is not writable`);
});
