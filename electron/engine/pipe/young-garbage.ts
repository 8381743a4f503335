// Collects the young generation after every few MiB of download body. Why: Node's HTTP parser hands
// over each piece of a body in a new buffer, whose memory V8 frees only when it collects; it
// collects the young generation once its buffers reach ~32 MiB, so a fast download kept that much
// garbage (and the allocator kept the pages after it). The writer copies each piece at once
// (chunk-ring.ts), so nothing is left alive in the young generation and collecting it is cheap
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

/** Counts body bytes handed to a writer, collecting the young generation every few MiB. */
export function bodyBytesReceived(bytes: number): void {
  sinceLast += bytes;
  if (sinceLast < EVERY_BYTES) return;
  sinceLast = 0;
  collector()?.({ type: 'minor' });
}
