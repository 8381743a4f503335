// A server that sends Content-Encoding although Ferry asked for identity. Browsers differ: Chromium
// saves the decoded bytes, Firefox keeps the bytes of files that are compressed archives anyway
// (report.txt sent gzip-encoded is saved as text; backup.tar.gz stays gzip). Ferry does both, like
// that. The transfer itself stays in the bytes the server sends (Range counts them, so resuming
// stays exact); the part file is decoded into the destination once it is complete.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Transform } from 'node:stream';
import type Zlib from 'node:zlib';
import { TransferError } from '../../errors/transfer-error.ts';
import { classifyError } from '../../errors/error-classify.ts';
import { createExclusive, identityOf, NOFOLLOW, removeOurFile, type FileIdentity } from '../../storage/part-file.ts';

/** node:zlib when a file needs decoding: almost none do, and every start paid for loading it (~2 ms in a CPU profile). */
const zlib = (): typeof Zlib => process.getBuiltinModule('node:zlib');

const DECODERS: Record<string, () => Transform> = {
  gzip: () => zlib().createGunzip(),
  'x-gzip': () => zlib().createGunzip(),
  // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate: createUnzip takes
  // zlib and gzip; raw deflate is refused (and the file kept as sent).
  deflate: () => zlib().createUnzip(),
  br: () => zlib().createBrotliDecompress(),
};

const ARCHIVE_EXTENSIONS = /\.(gz|tgz|gzip|svgz|br|z|zip|zst|xz|bz2|7z)$/i;
const ARCHIVE_TYPES = /^application\/(x-)?(gzip|gunzip|gzipped|tgz|compressed-tar|compress|brotli|zip|zstd)\b/i;

/**
 * The encoding to undo once the file is complete, or null to keep the bytes as sent: none was
 * applied, it is an archive already (by name or type), or Ferry has no decoder for it.
 */
export function encodingToUndo(contentEncoding: string | undefined, fileName: string, contentType: string | undefined): string | null {
  const encoding = contentEncoding?.trim().toLowerCase();
  if (!encoding || encoding === 'identity' || !DECODERS[encoding]) return null;
  if (ARCHIVE_EXTENSIONS.test(fileName) || (contentType && ARCHIVE_TYPES.test(contentType.trim()))) return null;
  return encoding;
}

/**
 * Decodes the complete part file into a new file beside it (created exclusively) and answers that
 * file; when the body does not decode, the new file is removed and a ServerError says so. A disk
 * that fills while decoding (a small body may decode to gigabytes) is DiskFull: the new file is
 * removed, the part file stays, and nothing is fetched again.
 * promotePartFile syncs the result before its rename ({ synced: false }).
 */
export async function decodePartFile(part: string, encoding: string): Promise<{ file: string; identity: FileIdentity; size: number }> {
  const decoder = DECODERS[encoding];
  if (!decoder) throw new Error(`no decoder for ${encoding}`);
  const file = `${part}.decoded`;
  const target = await createExclusive(file);
  const identity = identityOf(fs.fstatSync(target));
  try {
    const input = await fs.promises.open(part, fs.constants.O_RDONLY | NOFOLLOW).catch((error: unknown) => {
      fs.closeSync(target);
      throw error;
    });
    // The streams close both files.
    await pipeline(input.createReadStream(), decoder(), fs.createWriteStream(file, { fd: target }));
    return { file, identity, size: (await fs.promises.lstat(file)).size };
  } catch (error) {
    await removeOurFile(file, identity);
    const cause = classifyError(error, { path: file });
    if (cause.status === 'DiskFull') {
      throw new TransferError('DiskFull', `the disk is full (${file}): the server sent the file ${encoding}-encoded and it decodes to more than the disk holds; the encoded download is kept, free some space and resume it`, { cause: error });
    }
    throw new TransferError('ServerError', `the server sent the file ${encoding}-encoded and it does not decode (${(error as Error).message}); it will be fetched again`);
  }
}
