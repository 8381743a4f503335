// Taking transfers off the list, the store's part: ask before anything is lost (removal.ts), remove
// those at once; hide the finished ones and remove them from the host only when the undo window
// closes, so an undo needs nothing from the host. While the link is lost the window waits for it.
import type { StoreApi } from 'zustand/vanilla';
import type { FerryBridge } from '../../../shared/api.ts';
import { t } from '../i18n/catalog.ts';
import { losesWork, planRemoval, removalQuestion, type Question } from './removal.ts';
import type { RemovedTransfers } from './removed.ts';
import type { FerryState } from './store.ts';

export interface Removals {
  /** The last removal that can still be undone (the toast), or null. */
  undo: { count: number } | null;
  /** Removes transfers: asks first when any loses what it downloaded; finished ones can be undone for a while. */
  remove(ids: string[]): Promise<void>;
  /** Brings back what the last removal hid. */
  undoRemoval(): void;
  /** Removes what the last removal hid now (the toast dismissed). */
  finishRemoval(): Promise<void>;
}

export interface RemovalDeps {
  bridge: FerryBridge;
  get: StoreApi<FerryState>['getState'];
  set: StoreApi<FerryState>['setState'];
  removed: RemovedTransfers;
  ask: (question: Question) => Promise<boolean>;
  undoMs: number;
  without: (state: FerryState, ids: string[]) => Partial<FerryState>;
  messageOf: (error: unknown) => string;
}

export function createRemovals({ bridge, get, set, removed, ask, undoMs, without, messageOf }: RemovalDeps) {
  /** What the open undo window would bring back. */
  let undoable: string[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let waitingForLink = false;

  const bringBack = (ids: string[]): void => {
    const back = removed.unhide(ids);
    if (back.length === 0) return;
    set({ transfers: get().transfers.with(back) });
  };

  const removeNow = async (ids: string[]): Promise<string[]> => {
    const failures: string[] = [];
    await Promise.all(
      ids.map(async (id) => {
        try {
          await bridge.remove(id);
          removed.forget([id]);
        } catch (error) {
          failures.push(messageOf(error));
          bringBack([id]);
        }
      }),
    );
    return failures;
  };

  const say = (failures: string[], of: number): void => {
    if (failures.length) set({ notice: t.notices.someFailed(failures.length, of, 'remove', failures[0]!) });
  };

  const finish = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (undoable.length === 0) return;
    if (get().linkLostAt) {
      waitingForLink = true;
      return;
    }
    const ids = undoable;
    undoable = [];
    waitingForLink = false;
    set({ undo: null });
    // One that came back to life meanwhile (restarted elsewhere) would now lose work: it stays.
    const live = ids.filter((id) => {
      const snapshot = removed.hiddenSnapshot(id);
      return snapshot !== undefined && losesWork(snapshot);
    });
    bringBack(live);
    say(await removeNow(ids.filter((id) => !live.includes(id))), ids.length);
  };

  const state: Removals = {
    undo: null,

    async remove(ids) {
      if (get().linkLostAt) return;
      const list = ids.map((id) => get().transfers.get(id)).filter((tr) => tr !== undefined);
      if (list.length === 0) return;
      const plan = planRemoval(list);
      const question = removalQuestion(plan);
      if (question && !(await ask(question))) return;
      if (plan.undoable.length > 0) {
        // A new window: what the last one hid is removed now.
        await finish();
        undoable = plan.undoable.map((tr) => tr.id);
        removed.hide(plan.undoable);
        set({ ...without(get(), undoable), undo: { count: undoable.length } });
        timer = setTimeout(() => void finish(), undoMs);
      }
      const losing = plan.losing.map((tr) => tr.id);
      set(without(get(), losing));
      removed.hide(plan.losing);
      say(await removeNow(losing), losing.length);
    },

    undoRemoval() {
      if (timer) clearTimeout(timer);
      timer = null;
      bringBack(undoable);
      undoable = [];
      waitingForLink = false;
      set({ undo: null });
    },

    finishRemoval: finish,
  };

  return {
    state,
    /** The link is back: a window that closed while it was lost goes ahead. */
    async whenBack(): Promise<void> {
      if (waitingForLink) await finish();
    },
    dispose(): void {
      if (timer) clearTimeout(timer);
    },
  };
}
