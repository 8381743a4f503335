// A file's checksum, as "algorithm:hex" (sha256, sha512, sha1, md5): what `--checksum` gives and a
// server's digest says, checked against the finished file.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { NOFOLLOW } from './part-file.ts';

export const DIGEST_ALGORITHMS = ['sha256', 'sha512', 'sha1', 'md5'] as const;
export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number];

/** "sha256:ab12…" as its algorithm and lowercase hex; null when it is not one. */
export function parseDigest(value: string): { algorithm: DigestAlgorithm; hex: string } | null {
  const colon = value.indexOf(':');
  const algorithm = value.slice(0, colon).toLowerCase() as DigestAlgorithm;
  return colon > 0 && DIGEST_ALGORITHMS.includes(algorithm) ? { algorithm, hex: value.slice(colon + 1).toLowerCase() } : null;
}

export async function digestOfFile(file: string, algorithm: DigestAlgorithm): Promise<string> {
  const hash = createHash(algorithm);
  const handle = await fsp.open(file, fs.constants.O_RDONLY | NOFOLLOW);
  try {
    for await (const chunk of handle.createReadStream({ highWaterMark: 1024 * 1024, autoClose: false })) hash.update(chunk as Buffer);
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

export function sha256OfFile(file: string): Promise<string> {
  return digestOfFile(file, 'sha256');
}
