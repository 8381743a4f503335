// Collects the young generation after every few MiB of download body. Why: Node's HTTP parser hands
// over each piece of a body in a new buffer, whose memory V8 frees only when it collects; it
// collects the young generation once its buffers reach ~32 MiB, so a fast download kept that much
// garbage (and the allocator kept the pages after it). The writer copies each piece at once
// (placed-writes.ts, chunk-ring.ts), so nothing is left alive in the young generation and collecting it is cheap
// (~256 collections per GiB): `ferry get` of 1 GiB peaked at ~130 MiB without this, ~95 with it.
// A minor collection never promotes what the writer still holds, since it holds copies only.
import v8 from 'node:v8';
import vm from 'node:vm';

const EVERY_BYTES = 4 * 1024 * 1024;

type Collect = (options: { type: 'minor' }) => void;
/** Undefined until first needed; null where the engine cannot have it. */
let collect: Collect | null | undefined;
let sinceLast = 0;

function collector(): Collect | null {
  if (collect === undefined) {
    try {
      // The documented flag, set for contexts made from now on: only this one sees `gc`.
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as Collect;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/**
 * glibc's malloc serves a block at or over its mmap threshold (128 KiB at first) with an mmap of its
 * own, unmapped when freed, and gives the top of its heap back once more than twice the threshold is
 * free there; each is memory faulted in again by the next allocation. The parser's body pieces are
 * up to 256 KiB (read-buffer-agent.ts) and die a few MiB at a time, so with the first thresholds a
 * 1 GiB download took 20,000-60,000 page faults in some runs (11,000-13,000 in others: it depended
 * on what the process had freed before; a 3 MB file read at start was enough). Freeing an mmapped
 * block raises the threshold to its size and the top's to twice that (documented, mallopt(3)): one
 * block of the size collected each time, freed at the first collection, sets both above the pieces.
 */
const THRESHOLD_BYTES = EVERY_BYTES;
let thresholdsRaised = false;

/** Counts body bytes handed to a writer, collecting the young generation every few MiB. */
export function bodyBytesReceived(bytes: number): void {
  if (!thresholdsRaised) {
    thresholdsRaised = true;
    // Not kept: it is garbage at once (calloc'd by an mmap, never touched: no memory).
    void new ArrayBuffer(THRESHOLD_BYTES);
  }
  sinceLast += bytes;
  if (sinceLast < EVERY_BYTES) return;
  sinceLast = 0;
  collector()?.({ type: 'minor' });
}
