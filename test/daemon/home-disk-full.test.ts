// The daemon's home on a full disk: commands that cannot be saved fail with DiskFull and change
// nothing, the daemon keeps answering, transfers on other disks go on, and saving resumes by
// itself once there is room. Needs a small tmpfs, which only root can mount.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, tempDir } from '../helpers/engine.ts';
import { mountTmpfs, unmount } from '../helpers/tmpfs.ts';
import { cliToken, daemonPort } from '../helpers/raw-client.ts';
import { ferry, startDaemon, type RunningDaemon } from '../helpers/cli.ts';

const home = tempDir('ferry-fullhome-');
const downloads = tempDir('ferry-fullhome-dl-');
const mounted = mountTmpfs(home, 'size=2m', 'home-disk-full test');
let server: FaultServer;
let daemon: RunningDaemon | undefined;

beforeAll(async () => {
  server = await new FaultServer().start();
});
afterAll(async () => {
  await daemon?.stop();
  await server.close();
  if (mounted) unmount(home);
  fs.rmSync(home, { recursive: true, force: true });
  fs.rmSync(downloads, { recursive: true, force: true });
});

const filler = path.join(home, 'filler');
function fillDisk(): void {
  const chunk = Buffer.alloc(64 * 1024, 1);
  const fd = fs.openSync(filler, 'w');
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    fs.closeSync(fd);
  }
  // Every last block: small writes too.
  try {
    for (;;) fs.appendFileSync(filler, 'x');
  } catch {
    // full
  }
}

const savedState = () => JSON.parse(fs.readFileSync(path.join(home, 'state.json'), 'utf8')) as { operations: Record<string, { state: string; url: string }>; settings: Record<string, unknown> };

it.skipIf(!mounted)('fails commands it cannot save with DiskFull, keeps answering, and saves again once there is room', async () => {
  daemon = await startDaemon(home);
  const h = ['--home', home];
  // Slow enough to still be running while the disk is filled and the commands tried (on a loaded machine too).
  const slow = randomFile(1_000_000, { rate: 100_000 });
  server.serve('/full/slow.bin', slow);
  const running = (await ferry(['add', server.url('/full/slow.bin'), '-d', downloads, ...h])).stdout.trim();
  expect(running).toMatch(/^[0-9a-f-]{36}$/);

  fillDisk();
  server.serve('/full/other.bin', randomFile(1000));
  const add = await ferry(['add', server.url('/full/other.bin'), '-d', downloads, '--user', 'u:secret', ...h]);
  expect(add.code).toBe(1);
  expect(add.stderr).toMatch(/^ferry: DiskFull: could not save Ferry's (state|credentials) to .*(state|secrets)\.json: the disk is full/);
  const config = await ferry(['config', 'set', 'maxConcurrent', '2', ...h]);
  expect(config.code).toBe(1);
  expect(config.stderr).toMatch(/^ferry: DiskFull: /);

  // A file dropped in the browser that the daemon's disk cannot hold is refused at once.
  const staged = await fetch(`http://127.0.0.1:${daemonPort(daemon.url)}/api/staging?name=drop.bin`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${cliToken(home)}` },
    body: Buffer.alloc(500_000),
  });
  expect(((await staged.json()) as { error: { status: string } }).error.status).toBe('DiskFull');
  expect(fs.existsSync(path.join(home, 'staging')) ? fs.readdirSync(path.join(home, 'staging')) : []).toEqual([]);

  const pause = await ferry(['pause', running, ...h]);
  expect(pause.code).toBe(1);
  expect(pause.stderr).toMatch(/^ferry: DiskFull: /);

  // Still answering, and nothing was applied that a restart would lose.
  expect(daemon.child.exitCode).toBeNull();
  expect((await ferry(['config', 'get', 'maxConcurrent', ...h])).stdout.trim()).toBe('4');
  const listed = (await ferry(['ls', '--json', ...h])).stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; url: string; state: string });
  expect(listed.map((t) => t.id)).toEqual([running]);
  expect(['queued', 'running']).toContain(listed[0]!.state);

  // The download on another disk goes on and finishes.
  expect((await ferry(['wait', running, ...h])).code).toBe(0);
  expect(sha256File(path.join(downloads, 'slow.bin'))).toBe(sha256(slow.body));
  expect(savedState().operations[running]?.state).not.toBe('completed');

  // Room again: the state is saved without anyone asking, and commands work.
  fs.rmSync(filler);
  await expect.poll(() => savedState().operations[running]?.state, { timeout: 15_000 }).toBe('completed');
  expect((await ferry(['config', 'set', 'maxConcurrent', '2', ...h])).code).toBe(0);
  expect(savedState().settings['maxConcurrent']).toBe(2);
  const again = await ferry(['add', server.url('/full/other.bin'), '-d', downloads, ...h]);
  expect(again.code).toBe(0);
  expect(Object.keys(savedState().operations)).toContain(again.stdout.trim());
  expect(daemon.stderr()).toMatch(/could not save/);
});
