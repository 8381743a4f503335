// User commands, queueing, naming, reattachment and refusal of bad input, against a real server.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { listDir, makeService, sha256File, useEngineTestBed, waitFinal, waitFor } from '../helpers/engine.ts';
import { startNxdomainServer } from '../helpers/dns-server.ts';
import { throwawaySecret } from '../helpers/secrets.ts';
import { MemoryJobStore, MemorySecretStore } from '../../electron/engine/state/store.ts';
import { openHomeStores } from '../../electron/daemon/file-stores.ts';

const bed = useEngineTestBed();
const SLOW = 400_000; // bytes per second

async function rejection(promise: Promise<unknown>): Promise<{ status: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { status: string; message: string };
  }
  throw new Error('expected a rejection');
}

describe('user commands', () => {
  it('pauses (keeping the part file), resumes from it, and completes', async () => {
    const file = randomFile(1_000_000, { rate: SLOW });
    bed.server.serve('/p.bin', file);
    const t = await bed.service.createDownload({ url: bed.server.url('/p.bin') });
    await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 200_000);
    const paused = await bed.service.pause(t.id);
    expect(paused.state).toBe('paused');
    const part = path.join(bed.dir, 'p.bin.part');
    const kept = fs.statSync(part).size;
    expect(kept).toBeGreaterThan(100_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await bed.service.getTransfer(t.id)).state).toBe('paused');
    await bed.service.resume(t.id);
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('completed');
    expect(sha256File(path.join(bed.dir, 'p.bin'))).toBe(sha256(file.body));
    const resumed = bed.server.requestsFor('/p.bin')[1];
    expect(resumed?.status).toBe(206);
    expect(Number(/\d+/.exec(resumed!.range!)![0])).toBe(kept);
  });

  it('cancel removes the partial file', async () => {
    bed.server.serve('/c.bin', randomFile(1_000_000, { rate: SLOW }));
    const t = await bed.service.createDownload({ url: bed.server.url('/c.bin') });
    await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 50_000);
    const canceled = await bed.service.cancel(t.id);
    expect(canceled.state).toBe('canceled');
    expect(canceled.error?.status).toBe('Canceled');
    expect(listDir(bed.dir)).toEqual([]);
  });

  it('restart starts over from zero', async () => {
    const file = randomFile(600_000, { rate: SLOW * 2 });
    bed.server.serve('/r.bin', file);
    const t = await bed.service.createDownload({ url: bed.server.url('/r.bin'), path: path.join(bed.dir, 'r.bin') });
    await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 100_000);
    await bed.service.restart(t.id);
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('completed');
    expect(bed.server.requestsFor('/r.bin').map((r) => r.range)).toEqual([undefined, undefined]);
    expect(sha256File(path.join(bed.dir, 'r.bin'))).toBe(sha256(file.body));
  });

  it('refuses a second live transfer to the same file', async () => {
    bed.server.serve('/same', randomFile(1_000_000, { rate: SLOW }));
    const target = path.join(bed.dir, 'same.bin');
    await bed.service.createDownload({ url: bed.server.url('/same'), path: target });
    const error = await rejection(bed.service.createDownload({ url: bed.server.url('/same'), path: target }));
    expect(error.status).toBe('InvalidArgument');
    expect(error.message).toMatch(/another transfer is already downloading to/);
  });

  it('refuses commands that make no sense in the current state', async () => {
    bed.server.serve('/x', randomFile(1000));
    const t = await bed.service.createDownload({ url: bed.server.url('/x') });
    await waitFinal(bed.service, t.id);
    const error = await rejection(bed.service.pause(t.id));
    expect(error.status).toBe('InvalidArgument');
    expect(error.message).toMatch(/cannot pause .* it is completed/);
    expect((await rejection(bed.service.resume('nope-nope'))).message).toMatch(/no transfer with id/);
  });
});

describe('queue and groups', () => {
  it('runs at most maxConcurrent at once, high priority first', async () => {
    await bed.service.setSettings({ maxConcurrent: 1 });
    bed.server.serve('/a', randomFile(300_000, { rate: SLOW * 2 }));
    bed.server.serve('/b', randomFile(1000));
    bed.server.serve('/c', randomFile(1000));
    const a = await bed.service.createDownload({ url: bed.server.url('/a') });
    const b = await bed.service.createDownload({ url: bed.server.url('/b') });
    const c = await bed.service.createDownload({ url: bed.server.url('/c'), priority: 'high' });
    expect((await bed.service.getTransfer(b.id)).state).toBe('queued');
    for (const id of [a.id, b.id, c.id]) expect((await waitFinal(bed.service, id)).state).toBe('completed');
    expect(bed.server.requests.map((r) => r.path)).toEqual(['/a', '/c', '/b']);
  });

  it('runs a serialized group one at a time, in order', async () => {
    await bed.service.createGroup({ name: 'batch', behavior: 'serialized' });
    for (const p of ['/g1', '/g2', '/g3']) bed.server.serve(p, randomFile(200_000, { rate: SLOW * 4 }));
    const ids = [];
    for (const p of ['/g1', '/g2', '/g3']) ids.push((await bed.service.createDownload({ url: bed.server.url(p), group: 'batch' })).id);
    let maxRunning = 0;
    const stop = bed.service.on('transfersChanged', async () => {
      const running = (await bed.service.listTransfers()).filter((t) => t.state === 'running').length;
      maxRunning = Math.max(maxRunning, running);
    });
    for (const id of ids) expect((await waitFinal(bed.service, id)).state).toBe('completed');
    stop();
    expect(maxRunning).toBe(1);
    expect(bed.server.requests.map((r) => r.path)).toEqual(['/g1', '/g2', '/g3']);
  });
});

describe('file names', () => {
  it('takes the name from Content-Disposition (filename* first), sanitised, and makes collisions unique', async () => {
    const file = randomFile(1000, { contentDisposition: `attachment; filename="plain.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt` });
    bed.server.serve('/dl', file);
    fs.writeFileSync(path.join(bed.dir, 'résumé.txt'), 'already here');
    const t = await bed.service.createDownload({ url: bed.server.url('/dl') });
    const done = await waitFinal(bed.service, t.id);
    expect(path.basename(done.path!)).toBe('résumé (1).txt');
    expect(fs.readFileSync(path.join(bed.dir, 'résumé.txt'), 'utf8')).toBe('already here');
  });

  it('never writes outside the folder, whatever the server suggests', async () => {
    bed.server.serve('/evil', randomFile(1000, { contentDisposition: 'attachment; filename="../../etc/passwd"' }));
    bed.server.serve('/con', randomFile(1000, { contentDisposition: 'attachment; filename="CON.txt"' }));
    const evil = await waitFinal(bed.service, (await bed.service.createDownload({ url: bed.server.url('/evil') })).id);
    const con = await waitFinal(bed.service, (await bed.service.createDownload({ url: bed.server.url('/con') })).id);
    expect(evil.path).toBe(path.join(bed.dir, 'passwd'));
    expect(con.path).toBe(path.join(bed.dir, '_CON.txt'));
  });
});

describe('bad input is refused at once', () => {
  it('malformed and unsupported URLs: InvalidUri; nothing queued', async () => {
    expect((await rejection(bed.service.createDownload({ url: 'http//nope' }))).status).toBe('InvalidUri');
    const ftp = await rejection(bed.service.createDownload({ url: 'gopher://127.0.0.1/x' }));
    expect(ftp.status).toBe('InvalidUri');
    expect(ftp.message).toMatch(/unsupported scheme "gopher"/);
    expect(await bed.service.listTransfers()).toEqual([]);
  });

  it('more connections than 64, or none: InvalidArgument', async () => {
    for (const connections of [65, 0, 1.5]) {
      const error = await rejection(bed.service.createDownload({ url: bed.server.url('/x'), connections }));
      expect(error.status).toBe('InvalidArgument');
      expect(error.message).toMatch(/connections/);
    }
    expect(await bed.service.listTransfers()).toEqual([]);
  });

  it('a destination folder that cannot be made: FileAccessDenied; a folder given as the file: InvalidArgument', async () => {
    fs.writeFileSync(path.join(bed.dir, 'in-the-way'), 'x');
    const missing = await rejection(bed.service.createDownload({ url: bed.server.url('/x'), dir: path.join(bed.dir, 'in-the-way', 'nope') }));
    expect(missing.status).toBe('FileAccessDenied');
    const asFolder = await rejection(bed.service.createDownload({ url: bed.server.url('/x'), path: bed.dir }));
    expect(asFolder.status).toBe('InvalidArgument');
  });

  it('the 201st live transfer: TooManyTransfers', async () => {
    await bed.service.setSettings({ maxConcurrent: 1 });
    bed.server.serve('/hold', randomFile(10_000_000, { rate: 10_000 }));
    for (let i = 0; i < 200; i++) await bed.service.createDownload({ url: bed.server.url('/hold') });
    const error = await rejection(bed.service.createDownload({ url: bed.server.url('/hold') }));
    expect(error.status).toBe('TooManyTransfers');
    expect(await bed.service.listTransfers()).toHaveLength(200);
  });
});

describe('network failures', () => {
  it('a name that does not resolve: HostNameNotResolved', async () => {
    const dns = await startNxdomainServer();
    const local = await makeService(bed.dir, { dnsServers: [dns.address], defaults: { retries: 0 } });
    try {
      const t = await local.createDownload({ url: 'http://no-such-host.ferry-test/x' });
      const done = await waitFinal(local, t.id);
      expect(done.error?.status).toBe('HostNameNotResolved');
    } finally {
      await local.shutdown();
      await dns.close();
    }
  });

  it('nothing listening: CannotConnect after the retries', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    await bed.service.setSettings({ retries: 1 });
    const t = await bed.service.createDownload({ url: `http://127.0.0.1:${port}/x` });
    const done = await waitFinal(bed.service, t.id);
    expect(done.error?.status).toBe('CannotConnect');
    expect(done.retries.map((r) => r.status)).toEqual(['CannotConnect']);
  });
});

describe('reattach after the host stops', () => {
  it('continues a running download and keeps a paused one paused', async () => {
    const store = new MemoryJobStore();
    const secrets = new MemorySecretStore();
    await bed.service.shutdown();
    const file = randomFile(1_200_000, { rate: SLOW });
    bed.server.serve('/long', file);
    bed.server.serve('/held', randomFile(1_000_000, { rate: SLOW }));
    const first = await makeService(bed.dir, { store, secrets });
    const token = throwawaySecret('Bearer ');
    const running = await first.createDownload({ url: bed.server.url('/long'), headers: { Authorization: token } });
    const held = await first.createDownload({ url: bed.server.url('/held') });
    await waitFor(first, running.id, (t) => t.bytesTransferred > 300_000);
    await first.pause(held.id);
    await first.shutdown();
    expect(JSON.stringify(store.load())).not.toContain(token.slice(7));

    bed.service = await makeService(bed.dir, { store, secrets });
    expect((await bed.service.getTransfer(held.id)).state).toBe('paused');
    const done = await waitFinal(bed.service, running.id);
    expect(done.state).toBe('completed');
    expect(sha256File(done.path!)).toBe(sha256(file.body));
    const requests = bed.server.requestsFor('/long');
    expect(requests.at(-1)?.range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(requests.at(-1)?.authorization).toBe(token);
    expect((await bed.service.getTransfer(held.id)).state).toBe('paused');
  });
});

describe('acknowledged commands', () => {
  it('a command is on disk when it is answered, while downloads keep saving progress', async () => {
    await bed.service.shutdown();
    const home = path.join(bed.dir, 'home');
    fs.mkdirSync(home);
    bed.service = await makeService(path.join(bed.dir), openHomeStores(home, () => undefined));
    // Running downloads save their checkpoints all the time; the answers must not wait them out.
    for (const name of ['/busy1', '/busy2']) bed.server.serve(name, randomFile(2_000_000, { rate: SLOW }));
    await bed.service.createDownload({ url: bed.server.url('/busy1') });
    await bed.service.createDownload({ url: bed.server.url('/busy2') });
    bed.server.serve('/cmd', randomFile(2_000_000, { rate: SLOW }));
    // What a process killed right after each answer would find (read straight from the file).
    const onDisk = () => JSON.parse(fs.readFileSync(path.join(home, 'state.json'), 'utf8')) as { operations: Record<string, { state: string }>; settings: Record<string, unknown> };
    const t = await bed.service.createDownload({ url: bed.server.url('/cmd') });
    expect(onDisk().operations[t.id]).toBeDefined();
    await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 50_000);
    await bed.service.pause(t.id);
    expect(onDisk().operations[t.id]?.state).toBe('paused');
    await bed.service.resume(t.id);
    expect(['queued', 'running']).toContain(onDisk().operations[t.id]?.state);
    await bed.service.setSettings({ maxConcurrent: 2 });
    expect(onDisk().settings['maxConcurrent']).toBe(2);
    await bed.service.cancel(t.id);
    expect(onDisk().operations[t.id]?.state).toBe('canceled');
  });
});
