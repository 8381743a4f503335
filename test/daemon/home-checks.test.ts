// The home holds the token and credentials: a loose one is tightened, another user's is refused, a
// read-only one is named as such. The last two need root (chown, mount).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '../helpers/engine.ts';
import { ferry } from '../helpers/cli.ts';
import { mountTmpfs, unmount } from '../helpers/tmpfs.ts';

const root = tempDir('ferry-homes-');
const isRoot = process.getuid?.() === 0;
afterAll(() => {
  unmount(path.join(root, 'ro'));
  fs.rmSync(root, { recursive: true, force: true });
});

it('tightens a home that others can read to 0700, and says so', async () => {
  const home = path.join(root, 'loose');
  fs.mkdirSync(home, { mode: 0o755 });
  fs.chmodSync(home, 0o755);
  const result = await ferry(['config', 'get', 'maxConcurrent', '--home', home]);
  expect(result.code).toBe(0);
  expect(result.stderr).toMatch(/was open to other users \(mode 755\); it is now 0700/);
  expect(fs.statSync(home).mode & 0o777).toBe(0o700);
});

it.skipIf(!isRoot)("refuses a home that belongs to another user", async () => {
  const home = path.join(root, 'theirs');
  fs.mkdirSync(home, { mode: 0o700 });
  fs.chownSync(home, 65534, 65534);
  const result = await ferry(['config', 'get', 'maxConcurrent', '--home', home]);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^ferry: FileAccessDenied: the Ferry home .*theirs belongs to another user \(uid 65534\)/);
});

it.skipIf(!isRoot)('names a read-only home as such', async () => {
  const ro = path.join(root, 'ro');
  fs.mkdirSync(ro);
  expect(mountTmpfs(ro, 'ro,size=1m', 'read-only home test')).toBe(true);
  const result = await ferry(['daemon', '--home', path.join(ro, 'home')]);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^ferry: FileAccessDenied: the Ferry home .*ro\/home is on a read-only file system; choose another with --home or FERRY_HOME/);
});
