// The body pump when the connection failed before it started (e.g. a pause or reset while the
// part file was being opened): it must end, not wait forever for events already gone.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { pump } from '../../electron/engine/download/download-attempt.ts';
import { openPartFile } from '../../electron/engine/storage/part-file.ts';
import { PartFileWriter } from '../../electron/engine/storage/part-file-writer.ts';
import { tempDir } from '../helpers/engine.ts';

async function writerOver(file: string): Promise<{ writer: PartFileWriter; close(): Promise<void> }> {
  const part = await openPartFile(file, 0, null, null);
  return { writer: new PartFileWriter(part, 0, () => undefined, () => undefined), close: async () => part.close() };
}

it('rejects with the error of a source that failed before pumping began', async () => {
  const dir = tempDir();
  const { writer, close } = await writerOver(path.join(dir, 'a.part'));
  const source = new Readable({ read() {} });
  source.on('error', () => undefined); // as in the attempt, where the response wait listens for errors
  source.destroy(new Error('reset before the body'));
  await new Promise((resolve) => setImmediate(resolve));
  await expect(pump(source, writer)).rejects.toThrow('reset before the body');
  await close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('still writes every byte of a source that fails mid-body', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'b.part');
  const { writer, close } = await writerOver(file);
  const source = new Readable({ read() {} });
  const result = pump(source, writer);
  source.push(Buffer.alloc(1000, 1));
  source.push(Buffer.alloc(500, 2));
  setImmediate(() => source.destroy(new Error('reset mid-body')));
  await expect(result).rejects.toThrow('reset mid-body');
  await close();
  expect(fs.statSync(file).size).toBe(1500);
  fs.rmSync(dir, { recursive: true, force: true });
});

it('keeps the source flowing while the part file writes a batch, and delivers every byte in order', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'c.part');
  const { writer, close } = await writerOver(file);
  const chunk = 1024 * 1024;
  const total = 64;
  let sent = 0;
  // A source faster than the disk: it always has the next chunk ready, so it gets paused.
  const source = new Readable({
    read() {
      this.push(sent < total ? Buffer.alloc(chunk, sent++ % 251) : null);
    },
  });
  const queuedAtResume: number[] = [];
  const pumped = pump(source, writer);
  let handed = 0;
  source.on('data', (data: Buffer) => (handed += data.length));
  // What the writer had but not yet in the file when the source went on.
  source.on('resume', () => queuedAtResume.push(handed - writer.bytesWritten));
  await pumped;
  await close();
  const data = fs.readFileSync(file);
  expect(data.length).toBe(chunk * total);
  for (let i = 0; i < total; i++) expect(data[i * chunk]).toBe(i % 251);
  // Flow control at 'drain' resumes only once the writer is empty; this resumes while it writes.
  expect(queuedAtResume.filter((queued) => queued > 0).length).toBeGreaterThan(0);
  fs.rmSync(dir, { recursive: true, force: true });
});
