// A private D-Bus "system" bus with NetworkManager and UPower faked by python3-dbusmock (Debian's
// python3-dbusmock and dbus packages), for the daemon to read as it would the real ones. Nothing
// touches the machine's own bus: the daemon is pointed at this one by DBUS_SYSTEM_BUS_ADDRESS.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Debian's python, which has dbusmock (a pyenv one on PATH may not). */
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export function dbusMockAvailable(): string | null {
  if (spawnSync('dbus-daemon', ['--version']).status !== 0) return 'dbus-daemon is not installed (apt-get install dbus)';
  if (spawnSync(PYTHON, ['-c', 'import dbusmock']).status !== 0) return 'python3-dbusmock is not installed (apt-get install python3-dbusmock)';
  if (spawnSync('gdbus', ['help']).status !== 0) return 'gdbus is not installed (apt-get install libglib2.0-bin)';
  return null;
}

export class DbusMock {
  private readonly children: ChildProcess[] = [];
  readonly address: string;

  private constructor(address: string) {
    this.address = address;
  }

  static async start(dir: string, templates: string[]): Promise<DbusMock> {
    const socket = path.join(dir, 'system_bus_socket');
    const address = `unix:path=${socket}`;
    const mock = new DbusMock(address);
    // The session configuration lets anyone own any name: what the mocks need.
    mock.children.push(spawn('dbus-daemon', ['--session', `--address=${address}`, '--nofork', '--nopidfile'], { stdio: 'ignore' }));
    await waitFor(() => fs.existsSync(socket), 'the private bus');
    for (const template of templates) {
      mock.children.push(spawn(PYTHON, ['-m', 'dbusmock', '--system', '--template', template], { env: { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: address }, stdio: 'ignore' }));
    }
    const names: Record<string, string> = { networkmanager: 'org.freedesktop.NetworkManager', upower: 'org.freedesktop.UPower', logind: 'org.freedesktop.login1', power_profiles_daemon: 'net.hadess.PowerProfiles' };
    for (const template of templates) await waitFor(() => mock.call(names[template]!, '/', 'org.freedesktop.DBus.Peer.Ping', []) === true, template);
    return mock;
  }

  /** dbus-send to `service`; args in its syntax ("string:x", "variant:uint32:1"); true when it answered. */
  call(service: string, objectPath: string, method: string, args: string[]): boolean {
    const result = spawnSync('dbus-send', [`--bus=${this.address}`, '--print-reply', `--dest=${service}`, objectPath, method, ...args], { encoding: 'utf8' });
    return result.status === 0;
  }

  /** Sets a property (Properties.Set, which the mocks announce with PropertiesChanged). */
  set(service: string, objectPath: string, iface: string, name: string, variant: string): void {
    if (!this.call(service, objectPath, 'org.freedesktop.DBus.Properties.Set', [`string:${iface}`, `string:${name}`, variant])) {
      throw new Error(`could not set ${iface}.${name} on ${objectPath}`);
    }
  }

  /** Adds a property the template lacks (NetworkManager's Metered). */
  add(service: string, objectPath: string, iface: string, name: string, variant: string): void {
    if (!this.call(service, objectPath, 'org.freedesktop.DBus.Mock.AddProperty', [`string:${iface}`, `string:${name}`, variant])) {
      throw new Error(`could not add ${iface}.${name} on ${objectPath}`);
    }
  }

  /** Makes a mock emit a signal (gdbus, for its GVariant arguments: "[<true>]"). */
  emit(service: string, objectPath: string, iface: string, signal: string, signature: string, args: string): void {
    const result = spawnSync('gdbus', ['call', '--address', this.address, '--dest', service, '--object-path', objectPath, '--method', 'org.freedesktop.DBus.Mock.EmitSignal', iface, signal, signature, args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`could not emit ${signal}: ${result.stderr}`);
  }

  async stop(): Promise<void> {
    for (const child of this.children.reverse()) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  }
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up on the private D-Bus`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
