// Reads a file to upload from disk, never whole, and notices when it changes while it is sent: a
// file that is not the size and age it had when the upload was created fails with ResourceChanged
// instead of sending a mix of two versions as a success.
import fs from 'node:fs';
import { TransferError } from '../errors/transfer-error.ts';
import type { UploadFile } from '../state/records.ts';
import { inlineReadsFor, type InlineReads } from './inline-reads.ts';

/** The file as it is now: it must exist, be a regular file and be readable. */
export function statUploadFile(file: string): fs.Stats {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new TransferError('InvalidArgument', `there is no file ${file} to upload`);
    throw new TransferError('FileAccessDenied', `cannot read ${file} (${code ?? 'error'})`);
  }
  if (stat.isDirectory()) throw new TransferError('InvalidArgument', `${file} is a folder; give the files in it to upload them`);
  if (!stat.isFile()) throw new TransferError('InvalidArgument', `${file} is not a regular file`);
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch {
    throw new TransferError('FileAccessDenied', `cannot read ${file}: permission denied`);
  }
  return stat;
}

const changed = (file: UploadFile, how: string) =>
  new TransferError('ResourceChanged', `${file.path} changed while it was being uploaded (${how}); the server's copy may not match it: Restart to send it again`);

/** Before a run: the file is still there, readable, and unchanged since the upload was created. */
export function assertUnchanged(file: UploadFile): void {
  const stat = statUploadFile(file.path);
  if (stat.size !== file.size) throw changed(file, `it was ${file.size} bytes and is now ${stat.size}`);
  if (stat.mtimeMs !== file.mtimeMs) throw changed(file, 'it was modified');
}

export interface SourceFileReader {
  /** Fills the start of `buffer` with the next bytes; 0 once the whole file was read. */
  read(buffer: Buffer): Promise<number>;
  /** After the last byte is sent: the file must still be the size and age it was (else ResourceChanged). */
  verify(): void;
  close(): Promise<void>;
}

/**
 * Reads the file as it was when the upload was created, from `start` to its end, in line or through
 * the thread pool as `reads` decides (by default what `inlineReadsFor` says of the file's disk); a
 * read fails with ResourceChanged when the file turns out shorter, and `verify` when it grew or was
 * modified.
 */
export async function openSourceFile(file: UploadFile, start = 0, reads?: InlineReads): Promise<SourceFileReader> {
  const handle = await fs.promises.open(file.path, 'r');
  const inline = reads ?? (await inlineReadsFor(file.path));
  let position = start;
  return {
    async read(buffer) {
      if (position >= file.size) return 0;
      const length = Math.min(buffer.length, file.size - position);
      const inLine = inline.read(() => fs.readSync(handle.fd, buffer, 0, length, position));
      if (inLine !== null) await inline.turn();
      const bytesRead = inLine ?? (await handle.read(buffer, 0, length, position)).bytesRead;
      if (bytesRead === 0) throw changed(file, `only ${position} of ${file.size} bytes could be read`);
      position += bytesRead;
      return bytesRead;
    },
    verify: () => assertUnchanged(file),
    close: () => handle.close(),
  };
}
