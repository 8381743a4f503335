// The connections a server accepted before it refused more, remembered for a day under the origin
// that refused (after redirects, see segmented-run.ts) and shared by every download whose first
// answer comes from it (one server's limit counts across its downloads). The latest
// learned wins, and a later download may try one more than remembered (segmented-run.ts): a
// refusal may have been a busy moment, and a remembered limit must not keep downloads slow.
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
    this.caps.set(origin, { cap, until: this.now() + DAY_MS });
  }
}
