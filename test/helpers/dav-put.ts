// The WebDAV round every interop server gets: `ferry upload` PUTs a new file into a folder (201),
// then a changed one over it (204), and each time the server's copy equals the source (sha256).
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { sha256File } from './engine.ts';
import { ferry } from './cli.ts';

export async function putThenReplace(options: { folderUrl: string; src: string; stored: string; home: string; firstBytes: number; secondBytes: number }): Promise<void> {
  const { folderUrl, src, stored, home } = options;
  fs.writeFileSync(src, randomBytes(options.firstBytes));
  const first = await ferry(['upload', src, '--to', folderUrl, '--home', home]);
  expect(first.stderr).toContain('the server answered HTTP 201');
  expect(first.code).toBe(0);
  expect(sha256File(stored)).toBe(sha256File(src));
  fs.writeFileSync(src, randomBytes(options.secondBytes));
  const second = await ferry(['upload', src, '--to', folderUrl, '--home', home]);
  // A PUT that replaced a file: 204 No Content.
  expect(second.stderr).toContain('the server answered HTTP 204');
  expect(second.code).toBe(0);
  expect(sha256File(stored)).toBe(sha256File(src));
}
