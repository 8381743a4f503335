// A transfer's cookie jar: what a redirect sets reaches its target and every segment, is kept
// with the credentials so a run after a restart still sends it, and never shows in the listing or
// the state file; a cookies.txt seeds it, its domains obeyed; a broken one is refused at once.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, tempDir, waitFinal, waitFor, FAST } from '../helpers/engine.ts';
import { throwawaySecret } from '../helpers/secrets.ts';
import { openHomeStores } from '../../electron/daemon/file-stores.ts';
import { TransferService } from '../../electron/engine/transfer-service.ts';

let server: FaultServer;
let home: string;
beforeEach(async () => {
  server = await new FaultServer().start();
  home = tempDir('ferry-cookies-');
});
afterEach(async () => {
  await server.close();
  fs.rmSync(home, { recursive: true, force: true });
});

async function service(): Promise<TransferService> {
  const started = new TransferService({ ...openHomeStores(home, () => undefined), warn: () => undefined, defaults: { ...FAST, downloadDir: path.join(home, 'd') } });
  await started.start();
  return started;
}

const read = (name: string) => fs.readFileSync(path.join(home, name), 'utf8');

it('sends a cookie set by a redirect to its target and to every segment; keeps it only with the secrets', async () => {
  const session = throwawaySecret('s');
  const file = randomFile(6 * 1024 * 1024, { requireCookie: `sid=${session}` });
  server.serve('/file.bin', file);
  // Only the first answer sets the cookie; the segments' requests are redirected without it.
  const redirect = { kind: 'redirect', location: '/file.bin' } as const;
  server.serve('/login', randomFile(1), [{ kind: 'status', code: 302, headers: { location: '/file.bin', 'set-cookie': `sid=${session}; Path=/; HttpOnly` } }, ...Array<typeof redirect>(10).fill(redirect)]);
  const ferry = await service();
  try {
    const t = await ferry.createDownload({ url: server.url('/login'), connections: 3 });
    const done = await waitFinal(ferry, t.id);
    expect(done.error).toBeNull();
    expect(done.state).toBe('completed');
    expect(sha256File(done.path!)).toBe(sha256(file.body));
    const fetched = server.requestsFor('/file.bin');
    expect(fetched.length).toBeGreaterThanOrEqual(2);
    expect(fetched.every((request) => request.cookie === `sid=${session}` && request.status !== 403)).toBe(true);
    expect(JSON.stringify(await ferry.listTransfers())).not.toContain(session);
  } finally {
    await ferry.shutdown();
  }
  expect(read('secrets.json')).toContain(session);
  expect(read('state.json')).not.toContain(session);
});

it('keeps the cookies the servers set with the secrets: a run after a restart still sends them', async () => {
  const session = throwawaySecret('s');
  const file = randomFile(3 * 1024 * 1024, { requireCookie: `sid=${session}`, rate: 1024 * 1024 });
  server.serve('/slow.bin', file);
  // Only the first answer sets the cookie; later runs are redirected without it.
  const redirect = { kind: 'redirect', location: '/slow.bin' } as const;
  server.serve('/start', randomFile(1), [{ kind: 'status', code: 302, headers: { location: '/slow.bin', 'set-cookie': `sid=${session}; Path=/` } }, ...Array<typeof redirect>(10).fill(redirect)]);
  const first = await service();
  const t = await first.createDownload({ url: server.url('/start'), connections: 1 });
  await waitFor(first, t.id, (s) => s.bytesTransferred > 300_000);
  await first.pause(t.id);
  await first.shutdown();
  expect(read('secrets.json')).toContain(session);

  const second = await service();
  try {
    await second.resume(t.id);
    const done = await waitFinal(second, t.id);
    expect(done.state).toBe('completed');
    expect(sha256File(done.path!)).toBe(sha256(file.body));
    const resumed = server.requestsFor('/slow.bin').filter((request) => request.range);
    expect(resumed.length).toBeGreaterThanOrEqual(1);
    expect(resumed.every((request) => request.cookie === `sid=${session}`)).toBe(true);
  } finally {
    await second.shutdown();
  }
});

it('starts the jar with a cookies.txt: each cookie goes only where its domain and path allow', async () => {
  const wanted = throwawaySecret('w');
  const elsewhere = throwawaySecret('e');
  const file = randomFile(50_000, { requireCookie: `token=${wanted}` });
  server.serve('/files/a.bin', file);
  const cookiesTxt = [
    '# Netscape HTTP Cookie File',
    `127.0.0.1\tFALSE\t/files\tFALSE\t0\ttoken\t${wanted}`,
    `#HttpOnly_.example.com\tTRUE\t/\tFALSE\t0\tother\t${elsewhere}`,
    `127.0.0.1\tFALSE\t/private\tFALSE\t0\tnarrow\t${elsewhere}`,
    '',
  ].join('\n');
  const ferry = await service();
  try {
    const t = await ferry.createDownload({ url: server.url('/files/a.bin'), cookieJar: cookiesTxt });
    const done = await waitFinal(ferry, t.id);
    expect(done.state).toBe('completed');
    expect(sha256File(done.path!)).toBe(sha256(file.body));
    expect(server.requestsFor('/files/a.bin')[0]!.cookie).toBe(`token=${wanted}`);
  } finally {
    await ferry.shutdown();
  }
  expect(read('state.json')).not.toContain(wanted);
});

it('refuses a cookies.txt with a broken line at once, saying which line, and adds nothing', async () => {
  const ferry = await service();
  try {
    const broken = `# Netscape HTTP Cookie File\n127.0.0.1 FALSE / FALSE 0 token ${throwawaySecret()}\n`;
    await expect(ferry.createDownload({ url: server.url('/x.bin'), cookieJar: broken })).rejects.toMatchObject({ status: 'InvalidArgument', message: expect.stringContaining('line 2: 1 fields separated by tabs, not 7') });
    expect(await ferry.listTransfers()).toEqual([]);
  } finally {
    await ferry.shutdown();
  }
});
