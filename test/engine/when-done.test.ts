// "When everything is done" in the engine, on real bytes and a clock turned by hand: the countdown
// starts once the last transfer has finished, the injected power runner gets exactly the command,
// a transfer added during the countdown stops it (the choice stays), paused transfers do not count,
// and a host that cannot act refuses the choice.
import fs from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { makeService, sha256File, tempDir, waitFinal } from '../helpers/engine.ts';
import { HandClock } from '../helpers/hand-clock.ts';
import { powerCommand, powerService } from '../../electron/engine/when-done/power.ts';
import { whenDoneHost } from '../../electron/engine/when-done/when-done-host.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';
import type { WhenDoneStatus } from '../../shared/when-done.ts';

let server: FaultServer;
let dir: string;
let clock: HandClock;
let service: TransferService;
let commands: string[][];
let quits: number;

beforeEach(async () => {
  server = await new FaultServer().start();
  dir = tempDir();
  clock = new HandClock(new Date(2026, 11, 6, 23, 0));
  commands = [];
  quits = 0;
  // Never the real runner: the command is recorded, nothing is suspended or shut down.
  const power = powerService('linux', async (program, args) => void commands.push([program, ...args]));
  service = await makeService(dir, { clock, whenDone: whenDoneHost(power, () => quits++) });
});

afterEach(async () => {
  await service.shutdown();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Waits for a status the engine announced (the list's changes arrive batched). */
async function until(predicate: (s: WhenDoneStatus) => boolean): Promise<WhenDoneStatus> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const status = await service.getWhenDone();
    if (predicate(status)) return status;
    if (Date.now() > deadline) throw new Error(`when-done never became as expected: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('sleep fires 60 s after the last transfer finished, with exactly `systemctl suspend`, then resets to nothing', async () => {
  const a = randomFile(400_000, { rate: 800_000 });
  const b = randomFile(300_000);
  server.serve('/a.bin', a).serve('/b.bin', b);
  const heard: WhenDoneStatus[] = [];
  service.on('whenDoneChanged', (status) => heard.push(status));
  const ids = [(await service.createDownload({ url: server.url('/a.bin'), dir })).id, (await service.createDownload({ url: server.url('/b.bin'), dir })).id];
  expect(await service.setWhenDone('sleep')).toMatchObject({ choice: 'sleep', countdownMs: null, available: ['nothing', 'quit', 'sleep', 'shutdown'] });

  const [ta, tb] = [await waitFinal(service, ids[0]!), await waitFinal(service, ids[1]!)];
  expect(sha256File(ta.path!)).toBe(sha256(a.body));
  expect(sha256File(tb.path!)).toBe(sha256(b.body));
  expect(await until((s) => s.countdownMs !== null)).toMatchObject({ choice: 'sleep', countdownMs: 60_000 });
  expect(heard.at(-1)).toMatchObject({ choice: 'sleep', countdownMs: 60_000 });

  clock.advance(59_999);
  expect(commands).toEqual([]);
  expect((await service.getWhenDone()).countdownMs).toBe(1);
  clock.advance(1);
  expect(await until((s) => s.choice === 'nothing')).toEqual({ choice: 'nothing', countdownMs: null, available: ['nothing', 'quit', 'sleep', 'shutdown'], problem: null });
  await new Promise((resolve) => setImmediate(resolve));
  expect(commands).toEqual([['systemctl', 'suspend']]);
  expect(heard.at(-1)).toMatchObject({ choice: 'nothing', countdownMs: null });
  // One-shot: later transfers finishing do nothing more.
  const c = randomFile(1000);
  server.serve('/c.bin', c);
  await waitFinal(service, (await service.createDownload({ url: server.url('/c.bin'), dir })).id);
  clock.advance(120_000);
  expect(commands).toEqual([['systemctl', 'suspend']]);
  expect(quits).toBe(0);
});

it('a transfer added during the countdown stops it; the choice stays and fires once that one is done', async () => {
  expect(await service.setWhenDone('shutdown')).toMatchObject({ choice: 'shutdown', countdownMs: 60_000 });
  clock.advance(30_000);
  const slow = randomFile(600_000, { rate: 1_000_000 });
  server.serve('/slow.bin', slow);
  const id = (await service.createDownload({ url: server.url('/slow.bin'), dir })).id;
  expect(await until((s) => s.countdownMs === null)).toMatchObject({ choice: 'shutdown' });
  clock.advance(60_000);
  expect(commands).toEqual([]);

  expect(sha256File((await waitFinal(service, id)).path!)).toBe(sha256(slow.body));
  await until((s) => s.countdownMs === 60_000);
  clock.advance(60_000);
  await until((s) => s.choice === 'nothing');
  await new Promise((resolve) => setImmediate(resolve));
  expect(commands).toEqual([['systemctl', 'poweroff']]);
});

it('a paused transfer does not count: quit fires with one paused, and Cancel (nothing) stops a countdown', async () => {
  server.serve('/big.bin', randomFile(2_000_000, { rate: 200_000 }));
  const id = (await service.createDownload({ url: server.url('/big.bin'), dir })).id;
  expect((await service.setWhenDone('quit')).countdownMs).toBeNull();
  await service.pause(id);
  await until((s) => s.countdownMs === 60_000);
  expect(await service.setWhenDone('nothing')).toMatchObject({ choice: 'nothing', countdownMs: null });
  clock.advance(120_000);
  expect(quits).toBe(0);

  await service.setWhenDone('quit');
  clock.advance(60_000);
  await until((s) => s.choice === 'nothing');
  expect(quits).toBe(1);
  expect(commands).toEqual([]);
  expect((await service.getTransfer(id)).state).toBe('paused');
});

it('a failed command is kept as the problem, in words', async () => {
  await service.shutdown();
  const refusing = powerService('linux', async () => {
    throw new Error('systemctl suspend failed: Access denied');
  });
  service = await makeService(dir, { clock, whenDone: whenDoneHost(refusing, () => undefined) });
  await service.setWhenDone('sleep');
  clock.advance(60_000);
  expect(await until((s) => s.problem !== null)).toEqual({
    choice: 'nothing',
    countdownMs: null,
    available: ['nothing', 'quit', 'sleep', 'shutdown'],
    problem: 'could not finish putting the computer to sleep: systemctl suspend failed: Access denied',
  });
});

it('a host without the action refuses it in words; nothing is always taken', async () => {
  await service.shutdown();
  service = await makeService(dir, { clock });
  await expect(service.setWhenDone('sleep')).rejects.toThrow('this host does not act when everything is done (the daemon and the desktop app do)');
  expect(await service.setWhenDone('nothing')).toEqual({ choice: 'nothing', countdownMs: null, available: ['nothing'], problem: null });
  await service.shutdown();
  service = await makeService(dir, { clock, whenDone: whenDoneHost(powerService('aix'), () => undefined) });
  expect((await service.getWhenDone()).available).toEqual(['nothing', 'quit']);
  await expect(service.setWhenDone('shutdown')).rejects.toThrow('this computer cannot be shut down by Ferry');
});

it('each OS has its command (only the Linux ones are ever run by tests, and only through a fake runner)', () => {
  expect(powerCommand('sleep', 'linux')).toEqual(['systemctl', 'suspend']);
  expect(powerCommand('shutdown', 'linux')).toEqual(['systemctl', 'poweroff']);
  expect(powerCommand('sleep', 'darwin')).toEqual(['pmset', 'sleepnow']);
  expect(powerCommand('shutdown', 'win32')).toEqual(['shutdown', '/s', '/t', '0']);
  expect(powerCommand('sleep', 'aix')).toBeNull();
});
