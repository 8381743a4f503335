// The engine's speed limits: one bucket for all downloads and one for all uploads (the settings
// downloadLimitBytesPerSec / uploadLimitBytesPerSec), and one per transfer that has its own limit
// (`--limit-rate`, `ferry limit`). A transfer's bytes pass through its own and its kind's.
import type { Settings, TransferKind } from '../../../shared/model.ts';
import { TokenBucket, type Now, type Pacer } from './token-bucket.ts';

export class RateLimits {
  private readonly global: Record<TransferKind, TokenBucket>;
  private readonly own = new Map<string, TokenBucket>();
  private readonly now: Now | undefined;

  constructor(now?: Now) {
    this.now = now;
    this.global = { download: new TokenBucket(null, now), upload: new TokenBucket(null, now) };
  }

  /** The global limits as the settings say now (0: none). */
  applySettings(settings: Pick<Settings, 'downloadLimitBytesPerSec' | 'uploadLimitBytesPerSec'>): void {
    if (this.global.download.limit !== (settings.downloadLimitBytesPerSec || null)) this.global.download.setRate(settings.downloadLimitBytesPerSec || null);
    if (this.global.upload.limit !== (settings.uploadLimitBytesPerSec || null)) this.global.upload.setRate(settings.uploadLimitBytesPerSec || null);
  }

  /** A transfer's own limit (null: none), applied at once to a run in progress. */
  setOwn(id: string, rate: number | null): void {
    if (rate === null) this.own.delete(id);
    else if (this.own.has(id)) this.own.get(id)!.setRate(rate);
    else this.own.set(id, new TokenBucket(rate, this.now));
  }

  forget(id: string): void {
    this.own.delete(id);
  }

  /** What a run of transfer `id` paces its bytes with; asks for its own bucket each time, so a limit set later applies. */
  pacerFor(id: string, kind: TransferKind): Pacer {
    const global = this.global[kind];
    let buckets: TokenBucket[] = [global];
    let seen: TokenBucket | undefined;
    const current = (): TokenBucket[] => {
      const own = this.own.get(id);
      if (own !== seen) {
        seen = own;
        buckets = own ? [global, own] : [global];
      }
      return buckets;
    };
    return {
      take: (bytes) => current().forEach((bucket) => bucket.take(bytes)),
      waitLeft: () => current().reduce((wait, bucket) => Math.max(wait, bucket.waitLeft()), 0),
      limited: () => current().some((bucket) => bucket.limit !== null),
    };
  }
}
