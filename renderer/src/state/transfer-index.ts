// Every transfer the list shows, by id: the store's one copy. Immutable: a change makes a new
// index (zustand and React see a new value), the old one stays as it was. Maps, not a plain
// object: with 10,000 ids an object falls into dictionary mode. A change does not copy all of
// them: the index is a base map shared between versions and a small map of the snapshots changed
// since (the 200 live rows' progress, ten times a second), folded into a new base only once that
// grows large. Copying 10,000 entries took ~6 ms a batch, a frame's third.
import type { TransferSnapshot } from '../../../shared/model.ts';

/** One transfer replaced (or added: no `before`) by `TransferIndex.with`. */
export interface Change {
  before: TransferSnapshot | undefined;
  after: TransferSnapshot;
}

type Snapshots = ReadonlyMap<string, TransferSnapshot>;
const NONE: Snapshots = new Map();
/** The changed ones kept apart up to this many (or an eighth of the base): then a new base. */
const MAX_CHANGED = 1024;

export class TransferIndex {
  static readonly EMPTY = new TransferIndex(NONE, NONE, 0);

  #list: TransferSnapshot[] | null = null;
  /**
   * The index this one was made from by `with`, and what changed: lets the list keep its order
   * when no changed row moved (`sameOrderAfter` in view.ts) instead of sorting 10,000 rows again.
   * One step back only (dropped when the next is made), so old versions are not kept alive.
   */
  #from: { index: TransferIndex; changes: readonly Change[] } | null = null;

  /** Never changed once made: `changed` over `base`, `added` of its ids not in `base`. */
  private readonly base: Snapshots;
  private readonly changed: Snapshots;
  private readonly added: number;

  private constructor(base: Snapshots, changed: Snapshots, added: number) {
    this.base = base;
    this.changed = changed;
    this.added = added;
  }

  static of(list: Iterable<TransferSnapshot>): TransferIndex {
    return new TransferIndex(new Map([...list].map((tr) => [tr.id, tr])), NONE, 0);
  }

  get(id: string): TransferSnapshot | undefined {
    return this.changed.get(id) ?? this.base.get(id);
  }

  has(id: string): boolean {
    return this.changed.has(id) || this.base.has(id);
  }

  get size(): number {
    return this.base.size + this.added;
  }

  ids(): string[] {
    return this.list().map((tr) => tr.id);
  }

  /** Every transfer (in the order they came), one array per version (the counts worked out per version share it): not to be changed. */
  list(): readonly TransferSnapshot[] {
    if (this.#list) return this.#list;
    const list: TransferSnapshot[] = [];
    for (const [id, tr] of this.base) list.push(this.changed.get(id) ?? tr);
    if (this.added > 0) for (const [id, tr] of this.changed) if (!this.base.has(id)) list.push(tr);
    return (this.#list = list);
  }

  /** With these snapshots in place of (or beside) the ones of the same ids. */
  with(snapshots: readonly TransferSnapshot[]): TransferIndex {
    if (snapshots.length === 0) return this;
    const changed = new Map(this.changed);
    const changes: Change[] = [];
    let added = this.added;
    for (const tr of snapshots) {
      const before = changed.get(tr.id) ?? this.base.get(tr.id);
      if (!before && !changed.has(tr.id)) added++;
      changes.push({ before, after: tr });
      changed.set(tr.id, tr);
    }
    const index = changed.size > Math.max(MAX_CHANGED, this.base.size / 8) ? new TransferIndex(this.fold(changed), NONE, 0) : new TransferIndex(this.base, changed, added);
    index.#from = { index: this, changes };
    this.#from = null;
    return index;
  }

  /** Without these ids. */
  without(ids: readonly string[]): TransferIndex {
    if (!ids.some((id) => this.has(id))) return this;
    const next = this.all();
    for (const id of ids) next.delete(id);
    return new TransferIndex(next, NONE, 0);
  }

  /** What changed since `earlier`, if this index was made from it by one `with`; else null. */
  changesSince(earlier: TransferIndex): readonly Change[] | null {
    return this.#from?.index === earlier ? this.#from.changes : null;
  }

  /** As an object by id (JSON.stringify of the state, e.g. to check no secret is in it). */
  toJSON(): Record<string, TransferSnapshot> {
    return Object.fromEntries(this.all());
  }

  /** One map of them all, a new one (the base's order, new ids at the end). */
  private all(): Map<string, TransferSnapshot> {
    return this.fold(this.changed);
  }

  private fold(changed: Snapshots): Map<string, TransferSnapshot> {
    const all = new Map(this.base);
    for (const [id, tr] of changed) all.set(id, tr);
    return all;
  }
}
