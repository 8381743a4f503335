// A body a library sends itself (tus-js-client's PATCH) at the pace the speed limits allow: each
// piece waits for the pacer before it is passed on.
import { Transform, type Readable } from 'node:stream';
import { PACED_PIECE_BYTES, paced, type Pacer } from './token-bucket.ts';

export function pacedStream(source: Readable, pacer: Pacer, held: (held: boolean) => void): Readable {
  const pacing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      void (async () => {
        const piece = pacer.limited() ? PACED_PIECE_BYTES : chunk.length;
        for (let at = 0; at < chunk.length; at += piece) {
          const slice = chunk.subarray(at, at + piece);
          await paced(pacer, slice.length, held);
          this.push(slice);
        }
        done();
      })();
    },
  });
  source.once('error', (error) => pacing.destroy(error));
  pacing.once('close', () => source.destroy());
  return source.pipe(pacing);
}
