// Browser drops (the staging area) against clients that push its limits: parallel uploads, a small
// disk, many files, names that look like the area's own. Part of the hostile-clients suite.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/engine.ts';
import { ferry, startDaemon } from '../helpers/cli.ts';
import { useDaemon } from '../helpers/daemon-under-test.ts';
import { cliToken, daemonPort, holdOpen, stagePut } from '../helpers/raw-client.ts';
import { LINGER_MS } from '../../electron/daemon/request-limits.ts';
import { mountTmpfs, unmount } from '../helpers/tmpfs.ts';

const MiB = 1024 * 1024;

/** Bytes of the files under `dir`. */
function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  return total;
}

describe('one daemon, its staging area shared by parallel and many uploads', () => {
  const d = useDaemon('ferry-staging-');
  const discardAll = async (ids: Array<string | undefined>) => {
    for (const id of ids) if (id) expect((await fetch(`http://127.0.0.1:${d.port}/api/staging/${id}`, { method: 'DELETE', headers: d.auth })).status).toBe(200);
  };

  for (const chunked of [false, true]) {
    it(`holds stagingMaxBytes for ten parallel 40 MiB uploads (${chunked ? 'chunked' : 'with a length'})`, async () => {
      expect((await ferry(['config', 'set', 'stagingMaxBytes', String(50 * MiB), '--home', d.home])).code).toBe(0);
      const puts = await Promise.all(Array.from({ length: 10 }, (_, i) => stagePut(d.port, d.auth, `p${i}.bin`, 40 * MiB, chunked)));
      const ok = puts.filter((p) => p.status === 200);
      expect(ok.length).toBeLessThanOrEqual(1);
      for (const refused of puts.filter((p) => p.status !== 200)) {
        if (refused.status === 'closed') continue;
        expect(refused.status).toBe(400);
        expect(refused.error?.message).toMatch(/stagingMaxBytes/);
      }
      expect(bytesUnder(path.join(d.home, 'staging'))).toBeLessThanOrEqual(50 * MiB);
      await discardAll(ok.map((p) => p.id));
    });
  }

  it('caps the number of staged files, and counts a removed one as gone', async () => {
    expect((await ferry(['config', 'set', 'stagingMaxBytes', String(4 * 1024 * MiB), '--home', d.home])).code).toBe(0);
    const ids: string[] = [];
    for (let round = 0; round < 100; round++) {
      const puts = await Promise.all(Array.from({ length: 10 }, (_, i) => stagePut(d.port, d.auth, `f${round}-${i}.txt`, 10, false)));
      for (const p of puts) {
        expect(p.status).toBe(200);
        ids.push(p.id!);
      }
    }
    const over = await stagePut(d.port, d.auth, 'one-more.txt', 10, false);
    expect(over.status).toBe(400);
    expect(over.error?.message).toMatch(/at most 1000 dropped files/);
    // Removed behind the daemon's back (as an upload that leaves the list takes its copy): room again.
    fs.rmSync(path.join(d.home, 'staging', ids.pop()!), { recursive: true });
    expect((await stagePut(d.port, d.auth, 'one-more.txt', 10, false)).status).toBe(200);
    for (const id of fs.readdirSync(path.join(d.home, 'staging'))) await discardAll([id]);
  });

  it('answers a refused body while it is still being sent, and does not keep the connection for the rest', async () => {
    expect((await ferry(['config', 'set', 'stagingMaxBytes', String(4 * MiB), '--home', d.home])).code).toBe(0);
    const head = `PUT /api/staging?name=held.bin HTTP/1.1\r\nHost: 127.0.0.1:${d.port}\r\nAuthorization: ${d.auth.Authorization!}\r\nContent-Length: ${64 * MiB}\r\n\r\n`;
    // 1 MiB of the announced 64, then nothing: the refusal arrives, and the daemon ends the wait.
    const held = await holdOpen(d.port, Buffer.concat([Buffer.from(head), Buffer.alloc(MiB)]), LINGER_MS + 10_000);
    expect(held.answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(held.answer).toMatch(/stagingMaxBytes/);
    expect(held.closedByPeer).toBe(true);
    expect(fs.readdirSync(path.join(d.home, 'staging')).filter((e) => e.includes('held'))).toEqual([]);
  });

  it('never mistakes a file named like a partial for one still arriving', async () => {
    const staged = await stagePut(d.port, d.auth, 'x.part', 1000, false);
    expect(staged.status).toBe(200);
    const created = (await (
      await fetch(`http://127.0.0.1:${d.port}/api/rpc`, { method: 'POST', headers: d.auth, body: JSON.stringify({ method: 'createUpload', args: [{ url: 'http://127.0.0.1:9/u', files: [{ staged: staged.id }] }] }) })
    ).json()) as { result?: { id: string }; error?: unknown };
    expect(created.error).toBeUndefined();
    expect((await ferry(['rm', created.result!.id, '--home', d.home])).code).toBe(0);
  });
});

describe('a small disk', () => {
  const home = tempDir('ferry-staging-small-');
  const mounted = mountTmpfs(home, 'size=200m,mode=0700', 'the small-disk staging test');
  afterAll(() => {
    unmount(home);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it.skipIf(!mounted)('keeps the 64 MiB floor for the state across parallel uploads, and the daemon can still save', async () => {
    const daemon = await startDaemon(home);
    try {
      const port = daemonPort(daemon.url);
      const auth = { Authorization: `Bearer ${cliToken(home)}` };
      const free = () => {
        const disk = fs.statfsSync(home);
        return disk.bavail * disk.bsize;
      };
      let least = free();
      const watch = setInterval(() => (least = Math.min(least, free())), 10);
      const puts = await Promise.all([
        ...Array.from({ length: 3 }, (_, i) => stagePut(port, auth, `big${i}.bin`, 80 * MiB, false)),
        ...Array.from({ length: 2 }, (_, i) => stagePut(port, auth, `streamed${i}.bin`, 80 * MiB, true)),
      ]);
      clearInterval(watch);
      console.log(`small disk: ${puts.filter((p) => p.status === 200).length} of 5 80 MiB uploads staged; least free ${Math.round(least / MiB)} MiB`);
      expect(puts.filter((p) => p.status === 200).length).toBe(1);
      for (const refused of puts.filter((p) => p.status !== 200 && p.status !== 'closed')) expect(refused.error?.status).toBe('DiskFull');
      expect(least).toBeGreaterThan(60 * MiB);
      const logout = await ferry(['logout', '--home', home]);
      expect(logout.stderr).not.toMatch(/ENOSPC|DiskFull|disk is full/);
      expect(logout.code).toBe(0);
    } finally {
      await daemon.stop();
    }
  });
});
