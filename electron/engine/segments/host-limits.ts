// The connections a server accepted before it refused more, remembered per origin for a day and
// shared by every download from it (one server's limit counts across its downloads). A later
// download may try one more than remembered: the refusal may have been a busy moment.
const DAY_MS = 24 * 60 * 60 * 1000;

export class HostLimits {
  private readonly caps = new Map<string, { cap: number; until: number }>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** The remembered limit of `origin`, or null. */
  capOf(origin: string): number | null {
    const entry = this.caps.get(origin);
    if (!entry) return null;
    if (entry.until <= this.now()) {
      this.caps.delete(origin);
      return null;
    }
    return entry.cap;
  }

  learn(origin: string, cap: number): void {
    const known = this.capOf(origin);
    this.caps.set(origin, { cap: known === null ? cap : Math.min(known, cap), until: this.now() + DAY_MS });
  }
}
