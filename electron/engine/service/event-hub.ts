// Listeners for the events of shared/'s FerryEvents map.
import type { EventName, FerryEvents } from '../../../shared/api.ts';

type Listener<E extends EventName> = (payload: FerryEvents[E]) => void;

export class EventHub {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  emit<E extends EventName>(event: E, payload: FerryEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }
}
