// `--cookie-jar FILE`: a Netscape cookies.txt read as curl -b FILE and wget --load-cookies read it;
// a file that is missing or broken is refused at once with one clear line, and nothing is fetched.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, tempDir } from '../helpers/engine.ts';
import { ferry } from '../helpers/cli.ts';
import { throwawaySecret } from '../helpers/secrets.ts';

let server: FaultServer;
let work: string;
beforeAll(async () => {
  server = await new FaultServer().start();
  work = tempDir('ferry-cookie-cli-');
});
afterAll(async () => {
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

it('ferry get --cookie-jar FILE sends the file\'s cookies where their domain allows, and shows none of them', async () => {
  const token = throwawaySecret('t');
  const file = randomFile(200_000, { requireCookie: `token=${token}` });
  server.serve('/members/file.bin', file);
  const jar = path.join(work, 'cookies.txt');
  fs.writeFileSync(jar, `# Netscape HTTP Cookie File\n#HttpOnly_127.0.0.1\tFALSE\t/members\tFALSE\t0\ttoken\t${token}\n.elsewhere.example\tTRUE\t/\tFALSE\t0\tother\t${throwawaySecret()}\n`);
  const out = path.join(work, 'file.bin');
  const result = await ferry(['get', server.url('/members/file.bin'), '-o', out, '--cookie-jar', jar, '--home', path.join(work, 'home')]);
  expect(result.stderr).not.toContain(token);
  expect(result.code).toBe(0);
  expect(sha256File(out)).toBe(sha256(file.body));
  expect(server.requestsFor('/members/file.bin').map((request) => request.cookie)).toEqual([`token=${token}`]);
});

it('refuses a missing or broken cookies.txt at once, fetching nothing', async () => {
  const before = server.requests.length;
  const missing = await ferry(['get', server.url('/members/file.bin'), '-d', work, '--cookie-jar', path.join(work, 'nope.txt'), '--home', path.join(work, 'home')]);
  expect(missing.code).toBe(1);
  expect(missing.stderr.trim()).toBe(`ferry: InvalidArgument: --cookie-jar: ${path.join(work, 'nope.txt')} does not exist`);
  const broken = path.join(work, 'broken.txt');
  fs.writeFileSync(broken, '127.0.0.1\tFALSE\t/\tFALSE\tsoon\tname\tvalue\n');
  const bad = await ferry(['get', server.url('/members/file.bin'), '-d', work, '--cookie-jar', broken, '--home', path.join(work, 'home')]);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('line 1: the expiry (5th field) must be a whole number');
  expect(server.requests.length).toBe(before);
});
