// openReadStream: read a download while it arrives, never across two versions of the file.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { makeService, tempDir, waitFinal, waitFor } from '../helpers/engine.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';

let server: FaultServer;
let dir: string;
let service: TransferService;
beforeEach(async () => {
  server = await new FaultServer().start();
  dir = tempDir();
  service = await makeService(dir);
});
afterEach(async () => {
  await service.shutdown();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The error a read ends with (attached at once, so a rejection is never left unhandled). */
function readError(stream: Readable): Promise<unknown> {
  return readAll(stream).then(
    () => new Error('expected the read to fail'),
    (error: unknown) => error,
  );
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

it('follows a download from the start while it arrives, through a reconnect, to the end', async () => {
  const file = randomFile(1_200_000, { rate: 800_000 });
  server.serve('/f.bin', file, [{ kind: 'reset', afterBytes: 400_000 }]);
  const t = await service.createDownload({ url: server.url('/f.bin') });
  const stream = service.openReadStream(t.id, 0);
  const data = await readAll(stream);
  expect((await service.getTransfer(t.id)).state).toBe('completed');
  expect(sha256(data)).toBe(sha256(file.body));
});

it('starts at an offset, also after completion', async () => {
  const file = randomFile(300_000);
  server.serve('/g.bin', file);
  const t = await service.createDownload({ url: server.url('/g.bin') });
  await waitFinal(service, t.id);
  expect(sha256(await readAll(service.openReadStream(t.id, 100_000)))).toBe(sha256(file.body.subarray(100_000)));
  expect(() => service.openReadStream(t.id, 300_001)).toThrow(/past the end/);
});

it('fails with Canceled when the download is canceled under it', async () => {
  server.serve('/h.bin', randomFile(2_000_000, { rate: 300_000 }));
  const t = await service.createDownload({ url: server.url('/h.bin') });
  const failure = readError(service.openReadStream(t.id));
  await waitFor(service, t.id, (s) => s.bytesTransferred > 100_000);
  await service.cancel(t.id);
  expect(await failure).toMatchObject({ status: 'Canceled' });
});

it('fails with ResourceChanged rather than mixing two versions when the file changes', async () => {
  const v1 = randomFile(1_000_000, { rate: 1_000_000 });
  const v2 = randomFile(1_000_000);
  server.serve('/c.bin', v1, [{ kind: 'reset', afterBytes: 300_000 }, { kind: 'replace', file: v2 }]);
  const t = await service.createDownload({ url: server.url('/c.bin') });
  expect(await readError(service.openReadStream(t.id))).toMatchObject({ status: 'ResourceChanged' });
  expect((await waitFinal(service, t.id)).state).toBe('completed');
  expect(sha256(await readAll(service.openReadStream(t.id)))).toBe(sha256(v2.body));
});
