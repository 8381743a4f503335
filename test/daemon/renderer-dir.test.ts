// The daemon finds the built renderer from the sources and from the command's split bundle alike:
// the bundle's chunks sit one folder deeper than its entry, and a page served "not built" there
// was every browser test's failure once.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { RENDERER_DIR, rendererDirFrom } from '../../electron/daemon/static-files.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('where the built renderer is', () => {
  it('is dist/renderer from the sources, the bundle and its chunks', () => {
    const expected = path.join(root, 'dist', 'renderer');
    expect(RENDERER_DIR).toBe(expected);
    expect(rendererDirFrom(path.join(root, 'electron', 'daemon'))).toBe(expected);
    expect(rendererDirFrom(path.join(root, 'dist', 'cli'))).toBe(expected);
    expect(rendererDirFrom(path.join(root, 'dist', 'cli', 'chunks'))).toBe(expected);
  });

  it('is looked up from a chunk of the built bundle (pretest builds it), where the sources\' path would miss it', () => {
    const chunks = path.join(root, 'dist', 'cli', 'chunks');
    const holder = fs.readdirSync(chunks).find((name) => name.endsWith('.js') && fs.readFileSync(path.join(chunks, name), 'utf8').includes('function rendererDirFrom'));
    expect(holder, 'no chunk of dist/cli holds static-files.ts: run npm run build:cli').toBeDefined();
    expect(path.resolve(chunks, '../../dist/renderer')).not.toBe(RENDERER_DIR);
  });
});
