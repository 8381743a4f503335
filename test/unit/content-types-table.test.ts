// The bundles' content types (scripts/content-types-table.ts) answer as mime-types does, for every
// extension it knows and for names it does not.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import mime from 'mime-types';
import { contentTypesModule } from '../../scripts/content-types-table.ts';
import { tempDir } from '../helpers/engine.ts';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('gives the type mime-types gives for every extension, and nothing for names without one it knows', async () => {
  const file = path.join(dir, 'content-types.mjs');
  fs.writeFileSync(file, contentTypesModule());
  const table = (await import(pathToFileURL(file).href)) as { lookup: (name: unknown) => string | false };
  const extensions = Object.keys(mime.types);
  expect(extensions.length).toBeGreaterThan(1000);
  const names = [
    ...extensions.flatMap((ext) => [`file.${ext}`, `DIR/Name.${ext.toUpperCase()}`, ext]),
    '', 'x', '.bashrc', 'archive.tar.gz', 'no-extension', 'trailing.', 'a.b.c.unknownext', 'C:\\Users\\me\\photo.JPG',
  ];
  for (const name of names) expect(table.lookup(name), name).toBe(mime.lookup(name));
  expect(table.lookup(undefined)).toBe(false);
  expect(table.lookup('photo.jpg')).toBe('image/jpeg');
});
