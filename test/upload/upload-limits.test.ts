// Speed limits on uploads: a PUT under its own limit, a multipart POST under the global upload
// limit, and tus (whose library sends the body itself). Held tight only on the side a limit
// guarantees: never faster than it allows, its half-second burst included.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { sha256File, waitFinal } from '../helpers/engine.ts';
import { useUploadTestBed } from '../helpers/upload-server.ts';
import { TusTestServer } from '../helpers/tus-server.ts';

const bed = useUploadTestBed('ferry-upload-limits-');
const floorMs = (bytes: number, rate: number) => ((bytes - rate * 0.5) / rate) * 1000;

it('sends a PUT no faster than its own limit, whole', async () => {
  const src = bed.file('put.bin', 1_500_000);
  const started = performance.now();
  const t = await bed.service.createUpload({ url: bed.server.url('/put'), files: [{ path: src }], limitBytesPerSec: 500_000 });
  expect(await waitFinal(bed.service, t.id)).toMatchObject({ state: 'completed', retries: [] });
  expect(performance.now() - started).toBeGreaterThanOrEqual(floorMs(1_500_000, 500_000) * 0.97);
  expect(bed.server.for('/put')[0]).toMatchObject({ size: 1_500_000, sha256: sha256File(src) });
});

it('sends multipart under the global upload limit', async () => {
  await bed.service.setSettings({ uploadLimitBytesPerSec: 600_000 });
  const src = bed.file('form.bin', 1_800_000);
  const started = performance.now();
  const t = await bed.service.createUpload({ url: bed.server.url('/form'), protocol: 'multipart', files: [{ path: src }] });
  expect(await waitFinal(bed.service, t.id)).toMatchObject({ state: 'completed', retries: [] });
  expect(performance.now() - started).toBeGreaterThanOrEqual(floorMs(1_800_000, 600_000) * 0.97);
});

it('sends tus no faster than its limit, and the server holds the file whole', async () => {
  const tus = await new TusTestServer(path.join(bed.dir, 'tus')).start();
  try {
    const src = bed.file('tus.bin', 1_500_000);
    const started = performance.now();
    const t = await bed.service.createUpload({ url: tus.endpoint, protocol: 'tus', files: [{ path: src }], limitBytesPerSec: 500_000 });
    const done = await waitFinal(bed.service, t.id);
    expect(done).toMatchObject({ state: 'completed', retries: [] });
    expect(performance.now() - started).toBeGreaterThanOrEqual(floorMs(1_500_000, 500_000) * 0.97);
    expect(sha256File(tus.fileFor(done.response!.location!))).toBe(sha256File(src));
    expect(fs.existsSync(src)).toBe(true);
  } finally {
    await tus.close();
  }
});
