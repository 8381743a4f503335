// A process that writes a never-ending stream of known bytes into a part file through
// PartFileWriter, checkpointing often, and prints each durable position ("durable N") until it is
// killed: the writer is always mid-write when the kill comes. The bytes are AES-128-CTR's keystream
// under a zero key (keystreamBytes): the test rebuilds any prefix of them.
// Usage: node write-until-killed.ts <part file>
import { createCipheriv } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { openPartFile } from '../../electron/engine/storage/part-file.ts';
import { PartFileWriter } from '../../electron/engine/storage/part-file-writer.ts';

/** The first `count` bytes of the stream this program writes. */
export function keystreamBytes(count: number): Buffer {
  return keystream().update(Buffer.alloc(count));
}

function keystream() {
  return createCipheriv('aes-128-ctr', Buffer.alloc(16), Buffer.alloc(16));
}

async function main(file: string): Promise<void> {
  const part = await openPartFile(file, 0, null, null);
  const writer = new PartFileWriter(
    part,
    0,
    () => undefined,
    (position) => process.stdout.write(`durable ${position} direct ${part.direct?.bytesDirect ?? 0}\n`),
    { everyMs: 20, everyBytes: 1024 * 1024 },
  );
  writer.on('error', (error) => {
    process.stderr.write(`writer failed: ${String(error)}\n`);
    process.exit(1);
  });
  const cipher = keystream();
  // Chunks of odd sizes, as a socket delivers them, each a fresh buffer.
  const sizes = [65_536, 100_003, 4096, 262_144, 777];
  for (let i = 0; ; i++) {
    const chunk = cipher.update(Buffer.alloc(sizes[i % sizes.length]!));
    if (!writer.write(chunk)) await new Promise((resolve) => writer.once('drain', resolve));
  }
}

// Run as a program, not when a test imports keystreamBytes.
if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv[2]!);
