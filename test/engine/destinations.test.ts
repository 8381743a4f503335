// Where a download goes: a missing folder is made (as wget -P and aria2c -d do), ~ is the home,
// and a folder that cannot be made is refused at once with the reason.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, tempDir, useEngineTestBed, waitFinal } from '../helpers/engine.ts';
import { expandHome } from '../../electron/engine/intake/transfer-request.ts';

const bed = useEngineTestBed();

it('makes a missing folder, parents and all, for -d and for -o', async () => {
  const file = randomFile(5000);
  bed.server.serve('/made.bin', file);
  const viaDir = await bed.service.createDownload({ url: bed.server.url('/made.bin'), dir: path.join(bed.dir, 'new', 'nested') });
  const viaPath = await bed.service.createDownload({ url: bed.server.url('/made.bin'), path: path.join(bed.dir, 'other', 'named.bin') });
  for (const t of [viaDir, viaPath]) expect((await waitFinal(bed.service, t.id)).state).toBe('completed');
  expect(sha256File(path.join(bed.dir, 'new', 'nested', 'made.bin'))).toBe(sha256(file.body));
  expect(sha256File(path.join(bed.dir, 'other', 'named.bin'))).toBe(sha256(file.body));
});

it('reads ~ as the home folder', () => {
  const home = process.env['HOME'];
  const fake = tempDir('ferry-home-');
  process.env['HOME'] = fake;
  try {
    expect(expandHome('~/Downloads')).toBe(path.join(fake, 'Downloads'));
    expect(expandHome('~')).toBe(fake);
    expect(expandHome('/tmp/~x')).toBe('/tmp/~x');
    expect(expandHome('~other/x')).toBe('~other/x');
  } finally {
    process.env['HOME'] = home;
    fs.rmSync(fake, { recursive: true, force: true });
  }
});

it('refuses a folder that cannot be made, saying why, and queues nothing', async () => {
  fs.writeFileSync(path.join(bed.dir, 'plain-file'), 'x');
  await expect(bed.service.createDownload({ url: bed.server.url('/x'), dir: path.join(bed.dir, 'plain-file', 'sub') })).rejects.toMatchObject({
    status: 'FileAccessDenied',
    message: `the folder ${path.join(bed.dir, 'plain-file', 'sub')} does not exist and cannot be created (a file is in the way)`,
  });
  expect(await bed.service.listTransfers()).toEqual([]);
});
