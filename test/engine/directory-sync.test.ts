// Folder flushes shared between the downloads that finish into one folder at once: each caller
// still waits for a flush that began after it asked, and a failure reaches every caller it covers.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { syncDirectory } from '../../electron/engine/storage/directory-sync.ts';
import { tempDir } from '../helpers/engine.ts';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

/** Counts the real opens of `dir` for a flush (the call goes through to the file system). */
function countFlushes(dir: string): () => number {
  const open = vi.spyOn(fsp, 'open');
  return () => open.mock.calls.filter(([file]) => file === dir).length;
}

describe.skipIf(process.platform === 'win32')('syncDirectory', () => {
  it('lets everyone who asks during a flush share the next one, which begins after they asked', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const flushes = countFlushes(dir);
    const first = syncDirectory(dir);
    const during = Array.from({ length: 50 }, () => syncDirectory(dir));
    // All who came while the first flush ran wait for the same second one, not for the first.
    expect(new Set(during).size).toBe(1);
    expect(during[0]).not.toBe(first);
    let firstDone = false;
    void first.then(() => (firstDone = true));
    await during[0];
    expect(firstDone).toBe(true);
    expect(flushes()).toBe(2);
    // Once nothing is under way, the next caller starts a flush of its own at once.
    await syncDirectory(dir);
    expect(flushes()).toBe(3);
  });

  it('fails every caller a failed flush covers, and the folder can be flushed again afterwards', async () => {
    const root = tempDir();
    dirs.push(root);
    const dir = path.join(root, 'not-yet');
    const first = syncDirectory(dir);
    const during = syncDirectory(dir);
    await expect(first).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(during).rejects.toMatchObject({ code: 'ENOENT' });
    fs.mkdirSync(dir);
    await expect(syncDirectory(dir)).resolves.toBeUndefined();
  });
});
