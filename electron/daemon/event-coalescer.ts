// Events held back for a WebSocket client that is not reading them: merged so that what waits is
// one snapshot of the list's changes, never a queue. A transfer's latest snapshot replaces its
// earlier ones, a removal drops the changes it makes moot, settings, conditions and limits keep their last.
import type { EventName, FerryEvents } from '../../shared/api.ts';
import type { TransferSnapshot } from '../../shared/model.ts';

type Latest = 'settingsChanged' | 'conditionsChanged' | 'limitsChanged';

export class EventCoalescer {
  private changed = new Map<string, TransferSnapshot>();
  private removed = new Set<string>();
  private latest = new Map<Latest, unknown>();

  get empty(): boolean {
    return this.changed.size === 0 && this.removed.size === 0 && this.latest.size === 0;
  }

  add<E extends EventName>(event: E, payload: FerryEvents[E]): void {
    if (event === 'transfersChanged') {
      for (const snapshot of payload as TransferSnapshot[]) {
        this.removed.delete(snapshot.id);
        this.changed.set(snapshot.id, snapshot);
      }
    } else if (event === 'transfersRemoved') {
      for (const id of payload as string[]) {
        this.changed.delete(id);
        this.removed.add(id);
      }
    } else {
      this.latest.set(event as Latest, payload);
    }
  }

  /** What is held, as the few events to send, and empties it. */
  take(): Array<{ event: EventName; payload: unknown }> {
    const out: Array<{ event: EventName; payload: unknown }> = [];
    if (this.changed.size) out.push({ event: 'transfersChanged', payload: [...this.changed.values()] });
    if (this.removed.size) out.push({ event: 'transfersRemoved', payload: [...this.removed] });
    for (const [event, payload] of this.latest) out.push({ event, payload });
    this.changed = new Map();
    this.removed = new Set();
    this.latest = new Map();
    return out;
  }
}
