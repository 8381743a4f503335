// Checks a finished file against a checksum ("algorithm:hex"): the one the user gave, or the one the
// server sent with the file. A mismatch is ChecksumMismatch saying whose checksum it was.
import { TransferError } from '../errors/transfer-error.ts';
import { digestOfFile, parseDigest } from '../storage/file-digest.ts';

export type DigestSource = 'given' | 'server';

export async function verifyDigest(file: string, expected: string, source: DigestSource): Promise<void> {
  const digest = parseDigest(expected);
  if (!digest) throw new TransferError('Unknown', `"${expected}" is not a checksum Ferry can check`);
  const actual = await digestOfFile(file, digest.algorithm);
  if (actual !== digest.hex) {
    const whose = source === 'given' ? 'the expected' : "the server's";
    throw new TransferError('ChecksumMismatch', `the file's ${digest.algorithm} is ${actual}, not ${whose} ${digest.hex}; it was deleted`);
  }
}
