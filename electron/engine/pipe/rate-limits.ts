// The engine's speed limits: one bucket for all downloads and one for all uploads (the global
// limits in force, see limits-in-force.ts), and one per run of a transfer that has its own limit
// (`--limit-rate`, `ferry limit`), shared by that run's connections. Both are read again as bytes
// move, so a limit changed while a transfer runs applies at once.
import type { TransferKind } from '../../../shared/model.ts';
import { TokenBucket, type Now, type Pacer } from './token-bucket.ts';

export class RateLimits {
  private readonly global: Record<TransferKind, TokenBucket>;
  private readonly now: Now | undefined;
  private readonly held: (kind: TransferKind) => void;

  /** `held` hears each time a global limit makes a mover wait (often: keep it cheap). */
  constructor(now?: Now, held: (kind: TransferKind) => void = () => undefined) {
    this.now = now;
    this.held = held;
    this.global = { download: new TokenBucket(null, now), upload: new TokenBucket(null, now) };
  }

  /** The global limit of each kind (0: none). */
  setGlobal(limits: Record<TransferKind, number>): void {
    for (const kind of ['download', 'upload'] as const) {
      const wanted = limits[kind] || null;
      if (this.global[kind].limit !== wanted) this.global[kind].setRate(wanted);
    }
  }

  /** What one run of a transfer paces its bytes with: its kind's bucket and its own, whose limit `ownLimit` says. */
  pacerFor(kind: TransferKind, ownLimit: () => number | null): Pacer {
    const global = this.global[kind];
    const own = new TokenBucket(ownLimit(), this.now);
    const ownBucket = (): TokenBucket => {
      const limit = ownLimit();
      if (own.limit !== limit) own.setRate(limit);
      return own;
    };
    return {
      take: (bytes) => {
        global.take(bytes);
        ownBucket().take(bytes);
      },
      waitLeft: () => {
        const globalWait = global.waitLeft();
        if (globalWait > 0) this.held(kind);
        return Math.max(globalWait, ownBucket().waitLeft());
      },
      limited: () => global.limit !== null || ownBucket().limit !== null,
    };
  }
}
