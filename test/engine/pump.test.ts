// The body pump when the connection failed before it started (e.g. a pause or reset while the
// part file was being opened): it must end, not wait forever for events already gone.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { pump } from '../../electron/engine/http-attempt.ts';
import { openPartFile, PartFileWriter } from '../../electron/engine/part-file.ts';
import { tempDir } from '../helpers/engine.ts';

async function writerOver(file: string): Promise<{ writer: PartFileWriter; close(): Promise<void> }> {
  const part = await openPartFile(file, 0);
  return { writer: new PartFileWriter(part, 0, () => undefined, () => undefined), close: () => part.close() };
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
