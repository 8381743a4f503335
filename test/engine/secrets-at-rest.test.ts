// Where a transfer's secrets live on disk: every header but a few harmless ones with the
// credentials (0600), not in the plain state; the secrets file written behind and checked when read.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, tempDir, waitFinal } from '../helpers/engine.ts';
import { throwawaySecret } from '../helpers/secrets.ts';
import { openHomeStores } from '../../electron/daemon/file-stores.ts';
import { FileSecretStore } from '../../electron/engine/state/secrets-file.ts';
import { TransferService } from '../../electron/engine/transfer-service.ts';

let server: FaultServer;
let home: string;
beforeEach(async () => {
  server = await new FaultServer().start();
  home = tempDir('ferry-secrets-');
});
afterEach(async () => {
  await server.close();
  fs.rmSync(home, { recursive: true, force: true });
});

const read = (name: string) => fs.readFileSync(path.join(home, name), 'utf8');

async function service(warnings: string[] = []): Promise<TransferService> {
  const started = new TransferService({ ...openHomeStores(home, (m) => warnings.push(m)), warn: (m) => warnings.push(m), defaults: { downloadDir: path.join(home, 'd') } });
  await started.start();
  return started;
}

it('keeps every header but the harmless ones with the credentials, and sends them all', async () => {
  const file = randomFile(20_000);
  server.serve('/h.bin', file);
  const session = throwawaySecret();
  const signature = throwawaySecret();
  const ferry = await service();
  const t = await ferry.createDownload({ url: server.url('/h.bin'), headers: { 'X-Session-Id': session, 'X-Sig': signature, 'Accept-Language': 'de', 'User-Agent': 'ferry-test' } });
  const done = await waitFinal(ferry, t.id);
  await ferry.shutdown();
  expect(done).toMatchObject({ state: 'completed', headerNames: ['accept-language', 'user-agent', 'x-session-id', 'x-sig'] });
  expect(sha256File(done.path!)).toBe(sha256(file.body));
  expect(server.requestsFor('/h.bin')[0]!.headers).toMatchObject({ 'x-session-id': session, 'x-sig': signature, 'accept-language': 'de', 'user-agent': 'ferry-test' });
  for (const secret of [session, signature]) {
    expect(read('state.json')).not.toContain(secret);
    expect(read('secrets.json')).toContain(secret);
  }
  expect(JSON.parse(read('state.json')).operations[t.id].headers).toEqual({ 'accept-language': 'de', 'user-agent': 'ferry-test' });
});

it('sets aside entries of the wrong shape in the secrets file, says so, and runs their transfer without them', async () => {
  server.serve('/typed.bin', randomFile(10_000));
  const first = await service();
  const t = await first.createDownload({ url: server.url('/typed.bin'), credential: `ann:${throwawaySecret()}` });
  await first.pause(t.id);
  await first.shutdown();
  // Hand-edited, or written by something else: a number where a string belongs.
  fs.writeFileSync(path.join(home, 'secrets.json'), JSON.stringify({ [t.id]: { credential: 42 } }), { mode: 0o600 });
  const warnings: string[] = [];
  const second = await service(warnings);
  await second.resume(t.id);
  const done = await waitFinal(second, t.id);
  await second.shutdown();
  expect(done).toMatchObject({ state: 'completed', error: null });
  expect(server.requestsFor('/typed.bin').at(-1)!.authorization).toBeUndefined();
  const side = fs.readdirSync(home).find((f) => /^secrets\.json\.rejected-\d+\.json$/.test(f))!;
  expect(warnings).toEqual([`1 entry in the credentials file ${path.join(home, 'secrets.json')} did not have the shape Ferry writes and was moved to ${path.join(home, side)}; its transfer asks the server without credentials`]);
  expect(JSON.parse(read(side))).toEqual({ [t.id]: { credential: 42 } });
  expect(fs.statSync(path.join(home, side)).mode & 0o777).toBe(0o600);
});

it('writes the secrets file behind, once for a burst of 150 secrets, never on the caller\'s turn', async () => {
  const file = path.join(home, 'secrets.json');
  const store = new FileSecretStore(file, () => undefined);
  const headers = { 'x-token': 'v'.repeat(16_000) };
  for (let i = 0; i < 150; i++) store.set(`t${i}`, { headers });
  // 150 adds of a 16 KB header once rewrote a growing file 150 times, synchronously.
  expect(fs.existsSync(file)).toBe(false);
  await store.flush();
  expect(Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')))).toHaveLength(150);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
});
