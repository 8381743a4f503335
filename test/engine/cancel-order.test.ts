// A host hears "canceled" only once the partial file is gone: no UI shows Canceled beside a .part.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { randomFile } from '../helpers/fault-server.ts';
import { useEngineTestBed, waitFor } from '../helpers/engine.ts';

const bed = useEngineTestBed();

it('announces a cancel after the part file is removed', async () => {
  bed.server.serve('/c.bin', randomFile(2_000_000, { rate: 300_000 }));
  const t = await bed.service.createDownload({ url: bed.server.url('/c.bin') });
  await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 100_000);
  const part = path.join(bed.dir, 'c.bin.part');
  expect(fs.existsSync(part)).toBe(true);
  const seen: boolean[] = [];
  const off = bed.service.on('transfersChanged', (list) => {
    for (const s of list) if (s.id === t.id && s.state === 'canceled') seen.push(fs.existsSync(part));
  });
  await bed.service.cancel(t.id);
  await new Promise((resolve) => setTimeout(resolve, 300));
  off();
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.every((exists) => !exists)).toBe(true);
});
