// Linux with D-Bus: NetworkManager (online from State and Connectivity; Metered: 1 yes and 3
// guess-yes mean metered), UPower (OnBattery, the display device's Percentage) and
// power-profiles-daemon (ActiveProfile power-saver), read on the system bus with dbus-next.
// DBUS_SYSTEM_BUS_ADDRESS may point to another bus (tests use a private one). A service that is not
// there reads as null; the caller falls back to sysfs.
import fs from 'node:fs';
import type { MessageBus } from 'dbus-next';

const SYSTEM_BUS_SOCKET = '/run/dbus/system_bus_socket';
const READ_TIMEOUT_MS = 1500;
const PROPERTIES_XML = `<node><interface name="org.freedesktop.DBus.Properties"><method name="GetAll"><arg type="s" direction="in"/><arg type="a{sv}" direction="out"/></method></interface></node>`;
const PROPERTIES_CHANGED_XML = `<node><interface name="org.freedesktop.DBus.Properties"><signal name="PropertiesChanged"><arg type="s" name="interface"/><arg type="a{sv}" name="changed"/><arg type="as" name="invalidated"/></signal></interface></node>`;
const LOGIND_SLEEP_XML = `<node><interface name="org.freedesktop.login1.Manager"><signal name="PrepareForSleep"><arg type="b" name="start"/></signal></interface></node>`;

type Props = Record<string, { value: unknown }>;

export interface DbusReading {
  network: { online: boolean; metered: boolean } | null;
  power: { onBattery: boolean; batteryPercent: number | null } | null;
  batterySaver: boolean | null;
}

/** The objects `read` asks, each with the interface it reads (one place for both). */
const NETWORK_MANAGER = ['org.freedesktop.NetworkManager', '/org/freedesktop/NetworkManager', 'org.freedesktop.NetworkManager'] as const;
const UPOWER = ['org.freedesktop.UPower', '/org/freedesktop/UPower', 'org.freedesktop.UPower'] as const;
const DISPLAY_DEVICE = ['org.freedesktop.UPower', '/org/freedesktop/UPower/devices/DisplayDevice', 'org.freedesktop.UPower.Device'] as const;
const POWER_PROFILES = ['net.hadess.PowerProfiles', '/net/hadess/PowerProfiles', 'net.hadess.PowerProfiles'] as const;
const POWER_PROFILES_NEW = ['org.freedesktop.UPower.PowerProfiles', '/org/freedesktop/UPower/PowerProfiles', 'org.freedesktop.UPower.PowerProfiles'] as const;
const READ_OBJECTS: ReadonlyArray<readonly [service: string, objectPath: string, iface: string]> = [NETWORK_MANAGER, UPOWER, DISPLAY_DEVICE, POWER_PROFILES, POWER_PROFILES_NEW];

// NMState: 50 connected (local), 60 (site), 70 (global); NMConnectivityState 1: none.
const NM_CONNECTED_LOCAL = 50;
const NM_CONNECTIVITY_NONE = 1;
const NM_METERED = new Set([1, 3]);

export class LinuxDbus {
  private bus: MessageBus | null = null;
  private broken = false;
  /** logind said the system is going to sleep (PrepareForSleep true) and has not said it woke. */
  sleeping = false;
  private watchingSleep: 'no' | 'trying' | 'yes' = 'no';
  /** Objects whose PropertiesChanged is followed ("service path"), and those being set up. */
  private readonly watchingChanges = new Map<string, 'trying' | 'yes'>();
  private lastReading: DbusReading | null = null;

  private connecting: Promise<MessageBus | null> | null = null;

  /** The system bus, connected once (concurrent reads share it); null when there is none. */
  private connect(): Promise<MessageBus | null> {
    if (this.broken) return Promise.resolve(null);
    // No system bus here (a container, a minimal server): do not even try, nor load the library.
    if (!process.env['DBUS_SYSTEM_BUS_ADDRESS'] && !fs.existsSync(SYSTEM_BUS_SOCKET)) return Promise.resolve(null);
    this.connecting ??= import('dbus-next').then(
      ({ default: dbus }) => {
        try {
          const bus = dbus.systemBus();
          this.bus = bus;
          // Without this a bus that cannot be reached (no socket) would throw from an event.
          bus.on('error', () => {
            this.broken = true;
            this.bus = null;
          });
          return bus;
        } catch {
          this.broken = true;
          return null;
        }
      },
      () => {
        this.broken = true;
        return null;
      },
    );
    return this.connecting.then((bus) => (this.broken ? null : bus));
  }

  private async all(service: string, objectPath: string, iface: string): Promise<Props | null> {
    const bus = await this.connect();
    if (!bus) return null;
    let timer: NodeJS.Timeout | undefined;
    // A bus that breaks mid-call never answers it: give up on the read after a while.
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), READ_TIMEOUT_MS);
    });
    const read = (async () => {
      // Told the one method it calls, dbus-next skips introspecting the object at every read.
      const object = await bus.getProxyObject(service, objectPath, PROPERTIES_XML);
      const properties = object.getInterface('org.freedesktop.DBus.Properties');
      return (await properties['GetAll']!(iface)) as Props;
    })().catch(() => null);
    try {
      return await Promise.race([read, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async read(): Promise<DbusReading> {
    const [nm, upower, display, profiles, profilesNew] = await Promise.all([this.all(...NETWORK_MANAGER), this.all(...UPOWER), this.all(...DISPLAY_DEVICE), this.all(...POWER_PROFILES), this.all(...POWER_PROFILES_NEW)]);
    const num = (props: Props | null, name: string): number | null => {
      const value = props?.[name]?.value;
      return typeof value === 'number' ? value : null;
    };
    const state = num(nm, 'State');
    const network = nm && state !== null
      ? { online: state >= NM_CONNECTED_LOCAL && num(nm, 'Connectivity') !== NM_CONNECTIVITY_NONE, metered: NM_METERED.has(num(nm, 'Metered') ?? 0) }
      : null;
    const present = display?.['IsPresent']?.value !== false;
    const percent = present ? num(display, 'Percentage') : null;
    const power = upower && typeof upower['OnBattery']?.value === 'boolean' ? { onBattery: upower['OnBattery'].value, batteryPercent: percent } : null;
    const profile = (profilesNew ?? profiles)?.['ActiveProfile']?.value;
    this.lastReading = { network, power, batterySaver: typeof profile === 'string' ? profile === 'power-saver' : null };
    return this.lastReading;
  }

  /**
   * Follows PropertiesChanged of every object `read` asks, calling `changed` at once; tried again
   * at each read for those not followed yet (no bus yet).
   */
  watchChanges(changed: () => void): void {
    for (const [service, objectPath] of READ_OBJECTS) {
      const key = `${service} ${objectPath}`;
      if (this.watchingChanges.has(key)) continue;
      this.watchingChanges.set(key, 'trying');
      void this.connect()
        .then((bus) => {
          if (!bus) throw new Error('no system bus');
          return bus.getProxyObject(service, objectPath, PROPERTIES_CHANGED_XML);
        })
        .then((object) => {
          object.getInterface('org.freedesktop.DBus.Properties').on('PropertiesChanged', changed);
          this.watchingChanges.set(key, 'yes');
        })
        .catch(() => this.watchingChanges.delete(key));
    }
  }

  /**
   * True when the last read found the network and the power on D-Bus (no sysfs to poll) and every
   * change of them is followed: reading again is then only a safety net.
   */
  followsAllChanges(): boolean {
    const reading = this.lastReading;
    if (this.broken || !reading?.network || !reading.power) return false;
    return READ_OBJECTS.every(([service, objectPath]) => this.watchingChanges.get(`${service} ${objectPath}`) === 'yes');
  }

  /**
   * Follows logind's PrepareForSleep signal (true before the system sleeps, false after it wakes),
   * calling `changed` at once; tried again at each read until logind answers.
   */
  watchSleep(changed: () => void): void {
    if (this.watchingSleep !== 'no') return;
    this.watchingSleep = 'trying';
    // The interface as we use it, rather than logind's introspection (the signal is all we need).
    void this.connect()
      .then((bus) => {
        if (!bus) throw new Error('no system bus');
        return bus.getProxyObject('org.freedesktop.login1', '/org/freedesktop/login1', LOGIND_SLEEP_XML);
      })
      .then((object) => {
        object.getInterface('org.freedesktop.login1.Manager').on('PrepareForSleep', (start: boolean) => {
          this.sleeping = start;
          changed();
        });
        this.watchingSleep = 'yes';
      })
      .catch(() => {
        this.watchingSleep = 'no';
      });
  }

  close(): void {
    this.bus?.disconnect();
    this.bus = null;
  }
}
