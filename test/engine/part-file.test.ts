// The part file's checkpoints: by time on slow links, by bytes on fast ones, never ahead of the data.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPartAt, PartFileWriter } from '../../electron/engine/part-file.ts';
import { tempDir } from '../helpers/engine.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('PartFileWriter checkpoints', () => {
  it('checkpoints every few MiB on a fast stream without waiting for the clock', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const handle = await openPartAt(path.join(dir, 'x.part'), 0);
    const durable: Array<{ at: number; written: number }> = [];
    let written = 0;
    const writer = new PartFileWriter(
      handle,
      0,
      (position) => (written = position),
      (position) => durable.push({ at: position, written }),
      60_000, // the clock never triggers in this test
      1024 * 1024,
    );
    const chunk = Buffer.alloc(256 * 1024, 7);
    for (let i = 0; i < 32; i++) {
      await new Promise((resolve) => writer.write(chunk, resolve));
      await new Promise((resolve) => setTimeout(resolve, 5)); // a slow network: room for a sync
    }
    await new Promise<void>((resolve, reject) => writer.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await handle.close();
    // Several checkpoints before the end (8 MiB in 1 MiB steps), then the final one at 8 MiB.
    expect(durable.length).toBeGreaterThan(3);
    expect(durable.at(-1)!.at).toBe(8 * 1024 * 1024);
    for (const checkpoint of durable) expect(checkpoint.at).toBeLessThanOrEqual(checkpoint.written);
    expect(fs.statSync(path.join(dir, 'x.part')).size).toBe(8 * 1024 * 1024);
  });
});
