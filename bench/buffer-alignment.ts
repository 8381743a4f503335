// A diagnostic behind electron/engine/storage/aligned-memory.ts (not part of `npm run bench`): reads one
// file from the page cache into four 1 MiB buffers of each kind and prints the time each took.
// Where the kernel's copies care about alignment, "page-aligned" is several times faster than the
// others. Usage: node bench/buffer-alignment.ts [FILE] (default: 256 MiB of random bytes made here).
import fs from 'node:fs';
import path from 'node:path';
import { pageAlignedMemory } from '../electron/engine/storage/aligned-memory.ts';
import { makeFile } from './bench-tools.ts';

const MiB = 1024 * 1024;
const file = process.argv[2] ?? path.join(import.meta.dirname, '.work-alignment', 'file.bin');
if (!process.argv[2]) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  makeFile(file, 256 * MiB);
}

const kinds: Record<string, () => Buffer> = {
  'Buffer.allocUnsafeSlow': () => Buffer.allocUnsafeSlow(MiB),
  'page-aligned': () => pageAlignedMemory(MiB)!,
  'page-aligned + 16 bytes': () => pageAlignedMemory(2 * MiB)!.subarray(16, 16 + MiB),
};

const fd = fs.openSync(file, 'r');
const readAll = (buffers: Buffer[]): number => {
  const started = performance.now();
  for (let position = 0, i = 0; ; i++) {
    const read = fs.readSync(fd, buffers[i % buffers.length]!, 0, MiB, position);
    if (read === 0) break;
    position += read;
  }
  return performance.now() - started;
};
readAll([Buffer.allocUnsafeSlow(MiB)]); // into the page cache first
for (let round = 0; round < 3; round++) {
  for (const [name, make] of Object.entries(kinds)) {
    console.log(`${name.padEnd(24)} ${readAll([make(), make(), make(), make()]).toFixed(0).padStart(5)} ms`);
  }
}
fs.closeSync(fd);
