// A monitor that reads the OS every few seconds (FERRY_CONDITIONS_POLL_MS, default 2 s) and passes
// a change on at once: the shape of every OS's monitor here, each with its own read(). Where the OS
// announces its changes (D-Bus signals call refresh), `followsChanges` says so and the poll becomes
// a rare safety net: an idle tray app should not wake its CPU, nor NetworkManager and UPower, every
// two seconds.
import type { Conditions } from '../../../../shared/model.ts';
import { ConditionsBox, type ConditionsMonitor } from '../conditions-monitor.ts';

/** How often to read when every change is announced anyway (a signal missed, a service restarted). */
export const SAFETY_POLL_MS = 60_000;

export class PollingMonitor implements ConditionsMonitor {
  private readonly box = new ConditionsBox();
  private timer: NodeJS.Timeout | null = null;
  private reading = false;
  /** A refresh came while reading: read once more after. */
  private again = false;
  private closed = false;
  private readonly read: () => Promise<Conditions>;
  private readonly cleanup: () => void;
  private readonly followsChanges: () => boolean;

  /** `followsChanges`: true while every change of what `read` reads will call refresh() at once. */
  constructor(read: () => Promise<Conditions>, cleanup: () => void = () => undefined, followsChanges: () => boolean = () => false) {
    this.read = read;
    this.cleanup = cleanup;
    this.followsChanges = followsChanges;
  }

  /** Reads once (so the first answer is real), then every `pollMs` (or SAFETY_POLL_MS while changes are followed). */
  async start(pollMs = Number(process.env['FERRY_CONDITIONS_POLL_MS'] ?? 2000)): Promise<this> {
    await this.poll();
    this.schedule(pollMs);
    return this;
  }

  private schedule(pollMs: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => void this.poll().then(() => this.schedule(pollMs)), this.followsChanges() ? Math.max(pollMs, SAFETY_POLL_MS) : pollMs);
    this.timer.unref();
  }

  /** Reads now (an OS signal said something changed), not at the next poll. */
  refresh(): void {
    void this.poll();
  }

  private async poll(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    try {
      this.box.set(await this.read());
    } catch {
      // A read that failed keeps what was known; the next poll tries again.
    } finally {
      this.reading = false;
    }
    if (this.again) {
      this.again = false;
      await this.poll();
    }
  }

  current(): Conditions {
    return this.box.current();
  }

  onChange(listener: (conditions: Conditions) => void): () => void {
    return this.box.onChange(listener);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.cleanup();
    this.box.close();
  }
}
