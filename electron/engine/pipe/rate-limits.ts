// The engine's speed limits: one bucket for all downloads and one for all uploads (the settings
// downloadLimitBytesPerSec / uploadLimitBytesPerSec), and one per run of a transfer that has its own
// limit (`--limit-rate`, `ferry limit`), shared by that run's connections. Both are read again as
// bytes move, so a limit changed while a transfer runs applies at once.
import type { Settings, TransferKind } from '../../../shared/model.ts';
import { TokenBucket, type Now, type Pacer } from './token-bucket.ts';

export class RateLimits {
  private readonly global: Record<TransferKind, TokenBucket>;
  private readonly now: Now | undefined;

  constructor(now?: Now) {
    this.now = now;
    this.global = { download: new TokenBucket(null, now), upload: new TokenBucket(null, now) };
  }

  /** The global limits as the settings say now (0: none). */
  applySettings(settings: Pick<Settings, 'downloadLimitBytesPerSec' | 'uploadLimitBytesPerSec'>): void {
    const wanted: Record<TransferKind, number | null> = {
      download: settings.downloadLimitBytesPerSec || null,
      upload: settings.uploadLimitBytesPerSec || null,
    };
    for (const kind of ['download', 'upload'] as const) {
      if (this.global[kind].limit !== wanted[kind]) this.global[kind].setRate(wanted[kind]);
    }
  }

  /** What one run of a transfer paces its bytes with: its kind's bucket and its own, whose limit `ownLimit` says. */
  pacerFor(kind: TransferKind, ownLimit: () => number | null): Pacer {
    const global = this.global[kind];
    const own = new TokenBucket(ownLimit(), this.now);
    const buckets = (): readonly TokenBucket[] => {
      const limit = ownLimit();
      if (own.limit !== limit) own.setRate(limit);
      return [global, own];
    };
    return {
      take: (bytes) => buckets().forEach((bucket) => bucket.take(bytes)),
      waitLeft: () => buckets().reduce((wait, bucket) => Math.max(wait, bucket.waitLeft()), 0),
      limited: () => buckets().some((bucket) => bucket.limit !== null),
    };
  }
}
