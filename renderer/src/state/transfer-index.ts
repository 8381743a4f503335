// Every transfer the list shows, by id: the store's one copy. Immutable: a change makes a new
// index (zustand and React see a new value), the old one stays as it was. A Map, not a plain
// object: with 10,000 ids an object falls into dictionary mode, where copying it for each batch of
// progress and reading Object.values of it took a third of the page's time; a Map copies several
// times faster and lists its values almost for free.
import type { TransferSnapshot } from '../../../shared/model.ts';

export class TransferIndex {
  static readonly EMPTY = new TransferIndex(new Map());

  #list: TransferSnapshot[] | null = null;

  private readonly byId: ReadonlyMap<string, TransferSnapshot>;

  private constructor(byId: ReadonlyMap<string, TransferSnapshot>) {
    this.byId = byId;
  }

  static of(list: Iterable<TransferSnapshot>): TransferIndex {
    return new TransferIndex(new Map([...list].map((tr) => [tr.id, tr])));
  }

  get(id: string): TransferSnapshot | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get size(): number {
    return this.byId.size;
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** Every transfer, one array per version (the counts worked out per version share it): not to be changed. */
  list(): readonly TransferSnapshot[] {
    return (this.#list ??= [...this.byId.values()]);
  }

  /** With these snapshots in place of (or beside) the ones of the same ids. */
  with(snapshots: readonly TransferSnapshot[]): TransferIndex {
    if (snapshots.length === 0) return this;
    const next = new Map(this.byId);
    for (const tr of snapshots) next.set(tr.id, tr);
    return new TransferIndex(next);
  }

  /** Without these ids. */
  without(ids: readonly string[]): TransferIndex {
    if (!ids.some((id) => this.byId.has(id))) return this;
    const next = new Map(this.byId);
    for (const id of ids) next.delete(id);
    return new TransferIndex(next);
  }

  /** As an object by id (JSON.stringify of the state, e.g. to check no secret is in it). */
  toJSON(): Record<string, TransferSnapshot> {
    return Object.fromEntries(this.byId);
  }
}
