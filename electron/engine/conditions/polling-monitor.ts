// A monitor that reads the OS every few seconds (FERRY_CONDITIONS_POLL_MS, default 2 s) and passes
// a change on at once: the shape of every OS's monitor here, each with its own read().
import type { Conditions } from '../../../shared/model.ts';
import { ConditionsBox, type ConditionsMonitor } from '../policy/conditions-monitor.ts';

export class PollingMonitor implements ConditionsMonitor {
  private readonly box = new ConditionsBox();
  private timer: NodeJS.Timeout | null = null;
  private reading = false;
  /** A refresh came while reading: read once more after. */
  private again = false;
  private readonly read: () => Promise<Conditions>;
  private readonly cleanup: () => void;

  constructor(read: () => Promise<Conditions>, cleanup: () => void = () => undefined) {
    this.read = read;
    this.cleanup = cleanup;
  }

  /** Reads once (so the first answer is real), then every `pollMs`. */
  async start(pollMs = Number(process.env['FERRY_CONDITIONS_POLL_MS'] ?? 2000)): Promise<this> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), pollMs);
    this.timer.unref();
    return this;
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
    if (this.timer) clearInterval(this.timer);
    this.cleanup();
    this.box.close();
  }
}
