// A download body may lend its 'data' chunks: memory it reuses once the listeners return (FTP's data
// connections read into one shared buffer: protocols/ftp/data-reads.ts). Why: a copy into a fresh
// buffer per read, and the garbage it leaves, cost more than the copy the writer makes anyway
// (storage/part-file-writer.ts copies every chunk before its write returns). Only a reader that
// copies or is done with each chunk before its 'data' listener returns may ask for it; every
// other reader gets chunks of its own, as Node's streams promise.

/** A body that can lend its chunks to a reader that asks. */
export interface LendingBody {
  /** From now on, 'data' chunks are valid only during the listeners' call. */
  lendChunks(): void;
}

export const canLend = (body: object): body is LendingBody => typeof (body as Partial<LendingBody>).lendChunks === 'function';
