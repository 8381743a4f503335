// What the hosts hear of the transfers: changes batched (change-batcher.ts), a change held back
// until its caller has finished (a cancel's part file still there), and transfers that left.
import type { TransferSnapshot } from '../../../shared/model.ts';
import type { ChangeBatcher } from './change-batcher.ts';
import type { EventHub } from './event-hub.ts';

export class Announcements {
  /** Transfers changed but not announced yet: to the hosts, not in that state yet. */
  private readonly unannounced = new Set<string>();
  private readonly batcher: ChangeBatcher<TransferSnapshot>;
  private readonly events: EventHub;

  constructor(batcher: ChangeBatcher<TransferSnapshot>, events: EventHub) {
    this.batcher = batcher;
    this.events = events;
  }

  /** A change not to tell yet: one marked earlier would be read when its batch goes out, in this new state. */
  holdBack(id: string): void {
    this.unannounced.add(id);
    this.batcher.forget([id]);
  }

  /** A change the hosts hear of with the next batch (`now`: at once). */
  tell(op: { id: string; snapshot(): TransferSnapshot }, now = false): void {
    this.unannounced.delete(op.id);
    this.batcher.mark(op.id, () => op.snapshot());
    if (now) this.batcher.flush();
  }

  /** Whether the hosts have heard the transfer's last change. */
  told(id: string): boolean {
    return !this.unannounced.has(id);
  }

  /** Transfers that left the list: a change marked before would otherwise follow and bring them back. */
  removed(ids: string[]): void {
    this.batcher.forget(ids);
    for (const id of ids) this.unannounced.delete(id);
    this.events.emit('transfersRemoved', ids);
  }
}
