// `ferry add URL... -i FILE` as aria2c and wget take it: several URLs and a list (# comments,
// blank lines), one request to the daemon; the ids come back in order; a bad line refuses all;
// --wait stays until they have ended.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, useSharedServer } from '../helpers/engine.ts';
import { ferry, startDaemon, type RunningDaemon } from '../helpers/cli.ts';

const shared = useSharedServer();
let daemon: RunningDaemon;
let home: string;
beforeAll(async () => {
  home = path.join(shared.work, 'home');
  daemon = await startDaemon(home);
});
afterAll(async () => {
  await daemon.stop();
});

it('adds the URLs given and those of a list in one go, and prints their ids in order', async () => {
  const files = Array.from({ length: 5 }, (_, i) => randomFile(10_000 + i));
  files.forEach((file, i) => shared.server.serve(`/many/${i}.bin`, file));
  const list = path.join(shared.work, 'list.txt');
  fs.writeFileSync(list, `# nightly\n${shared.server.url('/many/2.bin')}\n\n  ${shared.server.url('/many/3.bin')}  \n# done\n${shared.server.url('/many/4.bin')}\n`);
  const dir = path.join(shared.work, 'many');
  const added = await ferry(['add', shared.server.url('/many/0.bin'), shared.server.url('/many/1.bin'), '-i', list, '-d', dir, '--home', home]);
  expect(added.stderr).toBe('');
  const ids = added.stdout.trim().split('\n');
  expect(ids).toHaveLength(5);
  expect((await ferry(['wait', '--all', '--home', home])).code).toBe(0);
  const listed = (await ferry(['ls', '--json', '--home', home])).stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; url: string });
  expect(ids.map((id) => listed.find((t) => t.id === id)?.url)).toEqual(files.map((_, i) => shared.server.url(`/many/${i}.bin`)));
  files.forEach((file, i) => expect(sha256File(path.join(dir, `${i}.bin`))).toBe(sha256(file.body)));
});

it('refuses a list with a bad line as a whole, naming the line, and adds nothing', async () => {
  const before = (await ferry(['ls', '--json', '--home', home])).stdout.trim().split('\n').length;
  const list = path.join(shared.work, 'bad.txt');
  fs.writeFileSync(list, `${shared.server.url('/many/0.bin')}\nnot a url\n`);
  const result = await ferry(['add', '-i', list, '--home', home]);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^ferry: InvalidUri: download 2 of 2 \(not a url\): not a valid URL: "not a url"; none was added\n$/);
  expect((await ferry(['ls', '--json', '--home', home])).stdout.trim().split('\n').length).toBe(before);
  expect((await ferry(['add', '-i', path.join(shared.work, 'missing.txt'), '--home', home])).stderr).toContain('cannot read the URL list');
  expect((await ferry(['add', '--home', home])).stderr).toContain('give URLs to add');
});

it('ferry add --wait stays until its own transfers end and says how each did; ferry wait takes several ids', async () => {
  const good = randomFile(50_000);
  shared.server.serve('/waited/good.bin', good);
  // Another transfer still running is not waited for: only the ones this command added.
  shared.server.serve('/waited/other.bin', randomFile(2_000_000, { rate: 200_000 }));
  const other = (await ferry(['add', shared.server.url('/waited/other.bin'), '-d', path.join(shared.work, 'other'), '--home', home])).stdout.trim();
  const dir = path.join(shared.work, 'waited');
  const ok = await ferry(['add', shared.server.url('/waited/good.bin'), '-d', dir, '--wait', '--home', home]);
  expect(ok).toMatchObject({ code: 0, stderr: '' });
  expect(ok.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
  expect(sha256File(path.join(dir, 'good.bin'))).toBe(sha256(good.body));
  const listed = (await ferry(['ls', '--json', '--home', home])).stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; state: string });
  expect(listed.find((t) => t.id === other)?.state).toBe('running');
  // One that fails: exit 1 with its reason; with --json the final transfers, not the new ones.
  const mixed = await ferry(['add', shared.server.url('/waited/good.bin'), shared.server.url('/waited/missing.bin'), '-d', dir, '--wait', '--json', '--home', home]);
  expect(mixed.code).toBe(1);
  expect(mixed.stderr).toMatch(/^ferry: NotFound \(HTTP 404\)/);
  const finals = mixed.stdout.trim().split('\n').map((l) => JSON.parse(l) as { state: string; path: string });
  expect(finals.map((t) => t.state)).toEqual(['completed', 'failed']);
  expect(finals[0]!.path).toBe(path.join(dir, 'good (1).bin'));
  // ferry wait with several ids, short ones too, as ferry ls prints them.
  const ids = finals.map((t) => (t as unknown as { id: string }).id);
  const waited = await ferry(['wait', ids[0]!.slice(0, 8), other.slice(0, 8), '--home', home]);
  expect(waited).toMatchObject({ code: 0, stderr: '' });
  expect((await ferry(['wait', ids[0]!, '--all', '--home', home])).stderr).toContain('give transfer ids or --all (not both)');
});

it('ferry get takes several URLs and fetches them one after another', async () => {
  const a = randomFile(20_000);
  const b = randomFile(30_000);
  shared.server.serve('/get/a.bin', a);
  shared.server.serve('/get/b.bin', b);
  const dir = path.join(shared.work, 'got');
  const result = await ferry(['get', shared.server.url('/get/a.bin'), shared.server.url('/get/b.bin'), '-d', dir, '--home', path.join(shared.work, 'fg-home')]);
  expect(result.code).toBe(0);
  expect(sha256File(path.join(dir, 'a.bin'))).toBe(sha256(a.body));
  expect(sha256File(path.join(dir, 'b.bin'))).toBe(sha256(b.body));
});
