// Speed limits on real bytes: a transfer's own limit, the global one of its kind, and a limit
// lifted while it runs. Only the side a limit guarantees is held tight (never faster than the limit
// allows, its half-second burst included); how much slower a loaded machine makes it is bounded
// loosely.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, useEngineTestBed, waitFinal, waitFor } from '../helpers/engine.ts';

const bed = useEngineTestBed();

/** The least time `bytes` may take at `rate`: all but the first half second's burst are paced. */
const floorMs = (bytes: number, rate: number) => ((bytes - rate * 0.5) / rate) * 1000;

describe('speed limits', () => {
  it('holds a download to its own limit (--limit-rate)', async () => {
    const file = randomFile(1_200_000);
    bed.server.serve('/own', file);
    const started = performance.now();
    const t = await bed.service.createDownload({ url: bed.server.url('/own'), path: path.join(bed.dir, 'own.bin'), limitBytesPerSec: 400_000 });
    expect(t.limitBytesPerSec).toBe(400_000);
    const done = await waitFinal(bed.service, t.id);
    const took = performance.now() - started;
    expect(done).toMatchObject({ state: 'completed', retries: [] });
    expect(sha256File(path.join(bed.dir, 'own.bin'))).toBe(sha256(file.body));
    expect(took).toBeGreaterThanOrEqual(floorMs(1_200_000, 400_000) * 0.97);
    expect(took).toBeLessThan(15_000);
  });

  it('shares the global download limit among downloads', async () => {
    await bed.service.setSettings({ downloadLimitBytesPerSec: 500_000 });
    const files = [randomFile(700_000), randomFile(700_000)];
    files.forEach((file, i) => bed.server.serve(`/g${i}`, file));
    const started = performance.now();
    const ts = await Promise.all(files.map((_, i) => bed.service.createDownload({ url: bed.server.url(`/g${i}`), path: path.join(bed.dir, `g${i}.bin`) })));
    for (const t of ts) expect((await waitFinal(bed.service, t.id)).state).toBe('completed');
    const took = performance.now() - started;
    files.forEach((file, i) => expect(sha256File(path.join(bed.dir, `g${i}.bin`))).toBe(sha256(file.body)));
    expect(took).toBeGreaterThanOrEqual(floorMs(1_400_000, 500_000) * 0.97);
    expect(took).toBeLessThan(15_000);
  });

  it('follows a limit changed while the download runs (ferry limit), without a retry', async () => {
    const file = randomFile(8_000_000);
    bed.server.serve('/change', file);
    const t = await bed.service.createDownload({ url: bed.server.url('/change'), path: path.join(bed.dir, 'change.bin'), limitBytesPerSec: 100_000 });
    await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 50_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // At 100 kB/s the 8 MB would take 80 s; lifted, a moment.
    const slow = (await bed.service.getTransfer(t.id)).bytesTransferred;
    expect(slow).toBeLessThan(400_000);
    expect((await bed.service.setLimit(t.id, null)).limitBytesPerSec).toBeNull();
    const done = await waitFinal(bed.service, t.id);
    expect(done).toMatchObject({ state: 'completed', retries: [] });
    expect(sha256File(path.join(bed.dir, 'change.bin'))).toBe(sha256(file.body));
  });

  it('refuses a limit on a finished transfer', async () => {
    bed.server.serve('/fin', randomFile(1000));
    const t = await bed.service.createDownload({ url: bed.server.url('/fin'), path: path.join(bed.dir, 'fin.bin') });
    await waitFinal(bed.service, t.id);
    await expect(bed.service.setLimit(t.id, 1000)).rejects.toMatchObject({ status: 'InvalidArgument' });
  });
});
