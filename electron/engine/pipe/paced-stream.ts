// A body a library sends itself (tus-js-client's PATCH) at the pace the speed limits allow: each
// piece waits for the pacer before it is passed on.
import { Transform, type Readable } from 'node:stream';
import { pacedPieces, type Pacer } from './token-bucket.ts';

export function pacedStream(source: Readable, pacer: Pacer, held: (held: boolean) => void): Readable {
  const pacing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      void (async () => {
        for await (const piece of pacedPieces(chunk, pacer, held)) this.push(piece);
        done();
      })();
    },
  });
  source.once('error', (error) => pacing.destroy(error));
  pacing.once('close', () => source.destroy());
  return source.pipe(pacing);
}
