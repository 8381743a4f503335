// Makes renames and new names in a folder durable (fsync of the folder), shared between callers:
// when many downloads finish into one folder at once, one flush of the folder covers every rename
// done before it began, so a batch of 200 small files does not wait on 200 folder flushes.
import fsp from 'node:fs/promises';

interface FolderSyncs {
  /** The flush under way: it may have begun before a newer caller's rename, so it cannot cover it. */
  running: Promise<void>;
  /** The flush that starts when the running one ends: every caller since joins it. */
  next: Promise<void> | null;
}

const folders = new Map<string, FolderSyncs>();

/** Resolves once a flush of `dir` that began after this call has finished (its error, if it fails). */
export function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return Promise.resolve(); // folders cannot be opened for fsync there
  const syncs = folders.get(dir);
  if (!syncs) return startFlush(dir);
  syncs.next ??= syncs.running.catch(() => undefined).then(() => startFlush(dir));
  return syncs.next;
}

function startFlush(dir: string): Promise<void> {
  const running = flushFolder(dir).finally(() => {
    // Done with this folder, unless a flush is queued behind this one (it takes over, above).
    if (!folders.get(dir)?.next) folders.delete(dir);
  });
  folders.set(dir, { running, next: null });
  return running;
}

async function flushFolder(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
