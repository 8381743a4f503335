// The transfers the list must not show: those gone for good (the engine removed them, or said so)
// and those hidden while their removal can still be undone. Every snapshot that reaches the store
// passes `admit`, so a late progress batch, an answer to an earlier call or a full reload can never
// bring back a row that was removed. Ids are never reused (uuids), so a tombstone is forever.
import type { TransferSnapshot } from '../../../shared/model.ts';

export class RemovedTransfers {
  private readonly gone = new Set<string>();
  private readonly hidden = new Map<string, TransferSnapshot>();

  /** The snapshots the list may show; a hidden transfer's news is kept for an undo. */
  admit(list: readonly TransferSnapshot[]): TransferSnapshot[] {
    const shown: TransferSnapshot[] = [];
    for (const snapshot of list) {
      if (this.gone.has(snapshot.id)) continue;
      if (this.hidden.has(snapshot.id)) this.hidden.set(snapshot.id, snapshot);
      else shown.push(snapshot);
    }
    return shown;
  }

  /** A full list from the host: hidden transfers it no longer has are gone (removed elsewhere). */
  admitAll(list: readonly TransferSnapshot[]): TransferSnapshot[] {
    const listed = new Set(list.map((s) => s.id));
    this.forget([...this.hidden.keys()].filter((id) => !listed.has(id)));
    return this.admit(list);
  }

  /** Gone for good: nothing about them is shown again. */
  forget(ids: readonly string[]): void {
    for (const id of ids) {
      this.gone.add(id);
      this.hidden.delete(id);
    }
  }

  hide(list: readonly TransferSnapshot[]): void {
    for (const snapshot of list) this.hidden.set(snapshot.id, snapshot);
  }

  /** Shown again (an undo, or a removal that failed): their latest snapshots. */
  unhide(ids: readonly string[]): TransferSnapshot[] {
    const back: TransferSnapshot[] = [];
    for (const id of ids) {
      const snapshot = this.hidden.get(id);
      this.hidden.delete(id);
      if (snapshot) back.push(snapshot);
    }
    return back;
  }

  /** The latest snapshot of a hidden transfer (undefined when it is not hidden). */
  hiddenSnapshot(id: string): TransferSnapshot | undefined {
    return this.hidden.get(id);
  }
}
