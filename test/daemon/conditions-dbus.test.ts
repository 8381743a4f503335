// The daemon reads the network and the power over D-Bus, from NetworkManager, UPower and logind
// faked by python3-dbusmock on a private bus: metered -> unrestrictedOnly transfers pause with the
// reason; battery at 15% -> default ones pause; back on an unmetered network and AC -> all resume,
// sha256 correct; going to sleep pauses even `always` ones until the system wakes; the services'
// PropertiesChanged signals alone move the daemon when its polls are a minute apart.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, tempDir } from '../helpers/engine.ts';
import { ferry, startDaemon, type RunningDaemon } from '../helpers/cli.ts';
import { DbusMock, dbusMockAvailable } from '../helpers/dbus-mock.ts';
import { LinuxDbus } from '../../electron/engine/policy/conditions/linux-dbus.ts';

const NM = ['org.freedesktop.NetworkManager', '/org/freedesktop/NetworkManager', 'org.freedesktop.NetworkManager'] as const;
const UPOWER = ['org.freedesktop.UPower', '/org/freedesktop/UPower', 'org.freedesktop.UPower'] as const;
const DISPLAY = ['org.freedesktop.UPower', '/org/freedesktop/UPower/devices/DisplayDevice', 'org.freedesktop.UPower.Device'] as const;

let work: string;
let server: FaultServer;
let bus: DbusMock;
let daemon: RunningDaemon | null = null;
beforeEach(async () => {
  const missing = dbusMockAvailable();
  if (missing) throw new Error(`this test needs a private D-Bus with dbusmock: ${missing}`);
  work = tempDir('ferry-dbus-');
  server = await new FaultServer().start();
  bus = await DbusMock.start(work, ['networkmanager', 'upower', 'power_profiles_daemon']);
  bus.add(...NM, 'Metered', 'variant:uint32:2');
  bus.call(DISPLAY[0], '/org/freedesktop/UPower', 'org.freedesktop.DBus.Mock.SetupDisplayDevice', ['uint32:2', 'uint32:1', 'double:80.0', 'double:48.0', 'double:60.0', 'double:0.0', 'int64:0', 'int64:0', 'boolean:true', 'string:battery', 'uint32:1']);
});
afterEach(async () => {
  await daemon?.stop();
  await bus.stop();
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

type Row = { id: string; state: string; history: Array<{ reason: string }> };
const rows = async (home: string) => (await ferry(['ls', '--json', '--home', home])).stdout.trim().split('\n').map((l) => JSON.parse(l) as Row);
async function until(home: string, id: string, state: string): Promise<Row> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const row = (await rows(home)).find((r) => r.id === id)!;
    if (row.state === state) return row;
    if (Date.now() > deadline) throw new Error(`${id} is ${row.state}, not ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('pauses and resumes transfers as NetworkManager and UPower say, with the reasons', async () => {
  const home = path.join(work, 'home');
  const strictFile = randomFile(3_000_000, { rate: 300_000 });
  const normalFile = randomFile(3_000_000, { rate: 300_000 });
  server.serve('/strict.bin', strictFile);
  server.serve('/normal.bin', normalFile);
  daemon = await startDaemon(home, { DBUS_SYSTEM_BUS_ADDRESS: bus.address, FERRY_CONDITIONS_POLL_MS: '200' });
  const strict = (await ferry(['add', server.url('/strict.bin'), '-d', work, '--cost-policy', 'unrestricted-only', '--home', home])).stdout.trim();
  const normal = (await ferry(['add', server.url('/normal.bin'), '-d', work, '--home', home])).stdout.trim();
  await until(home, strict, 'running');
  await until(home, normal, 'running');

  bus.set(...NM, 'Metered', 'variant:uint32:1');
  expect((await until(home, strict, 'pausedCostedNetwork')).history.at(-1)?.reason).toBe('on a metered network: this transfer runs only on an unmetered network');
  expect((await rows(home)).find((r) => r.id === normal)?.state).toBe('running');
  expect((await ferry(['ls', '--home', home])).stdout).toContain('pausedCostedNetwork');

  bus.set(...DISPLAY, 'Percentage', 'variant:double:15.0');
  bus.set(...UPOWER, 'OnBattery', 'variant:boolean:true');
  expect((await until(home, normal, 'pausedBattery')).history.at(-1)?.reason).toBe('on battery at 15% (below 20%); it continues on AC power or above it');
  const listed = (await ferry(['ls', '--home', home])).stdout;
  expect(listed).toMatch(/pausedBattery .*normal\.bin {2}\(on battery at 15%/);

  // Battery saver (power-profiles-daemon's power-saver) pauses them too, whatever the level.
  bus.set(...DISPLAY, 'Percentage', 'variant:double:90.0');
  await until(home, normal, 'running');
  bus.set('net.hadess.PowerProfiles', '/net/hadess/PowerProfiles', 'net.hadess.PowerProfiles', 'ActiveProfile', 'variant:string:power-saver');
  expect((await until(home, normal, 'pausedBattery')).history.at(-1)?.reason).toBe('battery saver is on; it continues on AC power');

  bus.set(...UPOWER, 'OnBattery', 'variant:boolean:false');
  bus.set(...NM, 'Metered', 'variant:uint32:4');
  expect((await ferry(['wait', '--all', '--home', home], {}, 60_000)).code).toBe(0);
  expect(sha256File(path.join(work, 'strict.bin'))).toBe(sha256(strictFile.body));
  expect(sha256File(path.join(work, 'normal.bin'))).toBe(sha256(normalFile.body));
  const final = await rows(home);
  expect(final.find((r) => r.id === normal)!.history.map((h) => h.reason)).toContain('on AC power');
  expect(final.find((r) => r.id === strict)!.history.map((h) => h.reason)).toContain('now on an unmetered network');
});

it('pauses everything when logind says the system is going to sleep, and continues on waking', async () => {
  fs.mkdirSync(path.join(work, 'sleep'));
  const sleepBus = await DbusMock.start(path.join(work, 'sleep'), ['logind']);
  const home = path.join(work, 'home-sleep');
  const file = randomFile(2_000_000, { rate: 300_000 });
  server.serve('/sleepy.bin', file);
  const sleeper = await startDaemon(home, { DBUS_SYSTEM_BUS_ADDRESS: sleepBus.address, FERRY_CONDITIONS_POLL_MS: '60000' });
  try {
    const id = (await ferry(['add', server.url('/sleepy.bin'), '-d', work, '--cost-policy', 'always', '--home', home])).stdout.trim();
    await until(home, id, 'running');
    // Polls are a minute apart here: what moves it is the signal itself.
    await new Promise((resolve) => setTimeout(resolve, 500));
    sleepBus.emit('org.freedesktop.login1', '/org/freedesktop/login1', 'org.freedesktop.login1.Manager', 'PrepareForSleep', 'b', '[<true>]');
    expect((await until(home, id, 'waitingForNetwork')).history.at(-1)?.reason).toBe('the computer is going to sleep; it continues on waking');
    sleepBus.emit('org.freedesktop.login1', '/org/freedesktop/login1', 'org.freedesktop.login1.Manager', 'PrepareForSleep', 'b', '[<false>]');
    expect((await ferry(['wait', id, '--home', home], {}, 60_000)).code).toBe(0);
    expect(sha256File(path.join(work, 'sleepy.bin'))).toBe(sha256(file.body));
  } finally {
    await sleeper.stop();
    await sleepBus.stop();
  }
});

it('follows NetworkManager and UPower by their PropertiesChanged signals, with polls a minute apart', async () => {
  const home = path.join(work, 'home-signals');
  const file = randomFile(3_000_000, { rate: 300_000 });
  server.serve('/followed.bin', file);
  daemon = await startDaemon(home, { DBUS_SYSTEM_BUS_ADDRESS: bus.address, FERRY_CONDITIONS_POLL_MS: '60000' });
  const id = (await ferry(['add', server.url('/followed.bin'), '-d', work, '--cost-policy', 'unrestricted-only', '--home', home])).stdout.trim();
  await until(home, id, 'running');
  // The first read (at start) installed the watches; give the bus a moment to take them.
  await new Promise((resolve) => setTimeout(resolve, 500));
  bus.set(...NM, 'Metered', 'variant:uint32:1');
  await until(home, id, 'pausedCostedNetwork');
  bus.set(...NM, 'Metered', 'variant:uint32:4');
  await until(home, id, 'running');
  bus.set(...DISPLAY, 'Percentage', 'variant:double:10.0');
  bus.set(...UPOWER, 'OnBattery', 'variant:boolean:true');
  expect((await until(home, id, 'pausedBattery')).history.at(-1)?.reason).toBe('on battery at 10% (below 20%); it continues on AC power or above it');
  bus.set(...UPOWER, 'OnBattery', 'variant:boolean:false');
  expect((await ferry(['wait', id, '--home', home], {}, 60_000)).code).toBe(0);
  expect(sha256File(path.join(work, 'followed.bin'))).toBe(sha256(file.body));
});

it('says every change is followed (polls become rare) once NetworkManager and UPower answer and their signals are watched', async () => {
  const saved = process.env['DBUS_SYSTEM_BUS_ADDRESS'];
  process.env['DBUS_SYSTEM_BUS_ADDRESS'] = bus.address;
  const dbus = new LinuxDbus();
  try {
    expect(dbus.followsAllChanges()).toBe(false); // nothing read yet
    let changes = 0;
    dbus.watchChanges(() => changes++);
    expect((await dbus.read()).power).toMatchObject({ onBattery: false });
    await expect.poll(() => dbus.followsAllChanges()).toBe(true);
    bus.set(...UPOWER, 'OnBattery', 'variant:boolean:true');
    await expect.poll(() => changes).toBeGreaterThan(0);
  } finally {
    dbus.close();
    if (saved === undefined) delete process.env['DBUS_SYSTEM_BUS_ADDRESS'];
    else process.env['DBUS_SYSTEM_BUS_ADDRESS'] = saved;
  }
});
