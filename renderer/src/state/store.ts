// The UI's state (zustand): every transfer by id, the filter, search, sort and selection (the rows in
// view come from view.ts), settings, conditions and the throughput history.
// Host events arrive batched (~10/s); they are applied at most once per animation frame.
import { showGroupNotice } from './group-notice.ts';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FerryBridge } from '../../../shared/api.ts';
import { THROUGHPUT_SAMPLES, type Conditions, type HostInfo, type LimitStatus, type Settings, type TransferSnapshot } from '../../../shared/model.ts';
import type { SettingsPatch, UploadRequest } from '../../../shared/schemas.ts';
import { messageOf } from './message-of.ts';
import { requestsFromForm, uploadRequestsFromForm, type AddForm, type UploadForm, type UploadSource } from './forms.ts';
import { totalsOf, type Filter, type Kind } from './filters.ts';
import { DEFAULT_SORT, selectionAfter, visibleIds, type Sort } from './view.ts';
import { t } from '../i18n/catalog.ts';
import { userActionAllowed } from '../../../shared/user-actions.ts';
import { RemovedTransfers } from './removed.ts';
import type { Question } from './removal.ts';
import { createRemovals, type Removals } from './remove-actions.ts';
import { clickLink, openInNewTab } from '../bridge/save-link.ts';
import { transferAction } from './transfer-action.ts';
import { TransferIndex } from './transfer-index.ts';
import { addWithActions } from './group-edit.ts';

export { THROUGHPUT_SAMPLES } from '../../../shared/model.ts';

export type { TransferAction } from './transfer-action.ts';
import type { TransferAction } from './transfer-action.ts';

export type { AddForm, UploadForm, UploadSource } from './forms.ts';
export { requestsFromForm } from './forms.ts';

export type Outcome = { ok: true; ids: string[] } | { ok: false; error: string };
export type { Question } from './removal.ts';

export interface RowDialog {
  kind: 'limit' | 'address';
  id: string;
}

export interface FerryState extends Removals {
  transfers: TransferIndex;
  filter: Filter;
  /** Downloads or uploads only, or both. */
  kind: Kind;
  /** The search box's text and the sort (view.ts). */
  query: string;
  sort: Sort;
  /** Selected rows (ids), and where a Shift-click range starts. */
  selected: string[];
  anchor: string | null;
  settings: Settings | null;
  host: HostInfo | null;
  /** The network and power as the engine reads them (why transfers wait). */
  conditions: Conditions | null;
  /** The global speed limits in force and whether they hold transfers back (the header's line). */
  limits: LimitStatus | null;
  /** The dialog the row menu opened for a transfer (its speed limit, its address), or null. */
  rowDialog: RowDialog | null;
  throughput: number[];
  notice: string | null;
  /** The question waiting for an answer (the confirmation dialog), or null. */
  question: Question | null;
  /** When the link to the host was lost (ISO time), or null while it is live: the list is then from before. */
  linkLostAt: string | null;
  load(): Promise<void>;
  /** The answer to `question`: true goes ahead, false keeps things as they are. */
  answer(yes: boolean): void;
  /** The host's connection opened (the list is loaded again before it counts as live) or was lost. */
  linkChanged(open: boolean): Promise<void>;
  setFilter(filter: Filter): void;
  setKind(kind: Kind): void;
  setQuery(query: string): void;
  setSort(sort: Sort): void;
  /** A click on a row: select it alone, toggle it (Ctrl/Cmd), or the range to it (Shift). */
  select(id: string, mode: 'only' | 'toggle' | 'range'): void;
  /** Ctrl+A: every row in view; null clears the selection. */
  selectAll(ids: string[] | null): void;
  /** Pause, resume or remove (see `remove`) each selected transfer (or every one: Pause all, Resume all) that allows it. */
  actOnMany(ids: string[], action: 'pause' | 'resume' | 'remove'): Promise<void>;
  addDownloads(form: AddForm): Promise<Outcome>;
  addUploads(form: UploadForm, sources: UploadSource[]): Promise<Outcome>;
  /** Where a dropped or picked file is on disk (the desktop app), or null (the browser stages it). */
  filePath(file: File): string | null;
  act(id: string, action: TransferAction): Promise<void>;
  /** Takes the completed transfers off the list (with an undo); failed and canceled ones stay. */
  clearFinished(): Promise<void>;
  saveSettings(patch: SettingsPatch): Promise<Outcome>;
  openRowDialog(dialog: RowDialog | null): void;
  /** A call that changes transfers (one's own limit, its address; places in the queue): its answer is shown, or why it was refused. */
  change(call: (bridge: FerryBridge) => Promise<TransferSnapshot | TransferSnapshot[]>): Promise<Outcome>;
  /** What is wrong with a download folder (the host checks), or null. */
  checkFolder(dir: string): Promise<string | null>;
  dismissNotice(): void;
  /** The host's groups, read and followed where they are shown (GroupDetail), and changed by the group editor. */
  groups: Pick<FerryBridge, 'listGroups' | 'on' | 'createGroup' | 'closeGroup' | 'setGroupWindows' | 'listNamedActions'>;
  /** The group whose editor is open (the sidebar's Edit group…), or null. */
  groupEditor: string | null;
  editGroup(name: string | null): void;
  /** Settings' Browsers: the host's browsers and Ferry's native host in each (BrowserSettings). */
  browsers: Pick<FerryBridge, 'listBrowserIntegrations' | 'setBrowserIntegration'>;
  /** What Browse… asks the host for a folder (its dialog, or its folders listed in the page). */
  folders: Pick<FerryBridge, 'chooseFolder' | 'listFolder' | 'makeFolder'>;
  /** "When everything is done", read and followed by the header's control (WhenDone.tsx). */
  whenDone: Pick<FerryBridge, 'getWhenDone' | 'setWhenDone' | 'on'>;
}

export interface StoreDeps {
  bridge: FerryBridge;
  /** requestAnimationFrame in the browser; injectable for tests. */
  scheduleFrame?: (callback: () => void) => void;
  /** Lets the browser fetch a URL as a download (a click on a temporary link); injectable for tests. */
  saveLink?: (url: string) => void;
  /** Opens a URL in a new tab (a stream link, for a player); injectable for tests. */
  openTab?: (url: string) => void;
  /** Asks before something that cannot be undone (by default the dialog that `question` shows); injectable for tests. */
  confirm?: (question: Question) => Promise<boolean>;
  /** How long a removal can be undone, in ms (5 s). */
  undoMs?: number;
}

/** The state change that drops transfers that left the list (and the selection). */
function without(state: FerryState, ids: string[]): Partial<FerryState> {
  const transfers = state.transfers.without(ids);
  return { transfers, selected: state.selected.filter((id) => transfers.has(id)) };
}


/** The state change that merges fresh snapshots in (those `removed` admits). */
function merged(current: TransferIndex, list: TransferSnapshot[]): Partial<FerryState> {
  return { transfers: current.with(list) };
}

export function createFerryStore({ bridge, scheduleFrame = (cb) => requestAnimationFrame(cb), saveLink = clickLink, openTab = openInNewTab, confirm, undoMs = 5000 }: StoreDeps): StoreApi<FerryState> & { dispose(): void } {
  let pending: TransferSnapshot[] = [];
  let frameQueued = false;
  const removed = new RemovedTransfers();
  let answerQuestion: ((yes: boolean) => void) | null = null;
  let removals: ReturnType<typeof createRemovals>;

  const store = createStore<FerryState>()((set, get) => {
    const apply = (list: TransferSnapshot[]): void => set(merged(get().transfers, removed.admit(list)));
    const ask =
      confirm ??
      ((question: Question) =>
        new Promise<boolean>((resolve) => {
          answerQuestion?.(false);
          answerQuestion = resolve;
          set({ question });
        }));
    removals = createRemovals({ bridge, get, set, removed, ask, undoMs, without, messageOf });
    /** A new filter, kind or search: rows it hides leave the selection (Delete never acts on a row out of sight). */
    const narrow = (patch: Partial<Pick<FerryState, 'filter' | 'kind' | 'query'>>): void => {
      const s = { ...get(), ...patch };
      const visible = new Set(visibleIds(s.transfers, s.filter, s.query, s.sort, s.kind));
      set({ ...patch, selected: s.selected.filter((id) => visible.has(id)) });
    };
    /** Queues each upload in turn; on a refusal, says how many were queued before it. */
    const createAll = async <R>(requests: R[] | string, create: (request: R) => Promise<TransferSnapshot>): Promise<Outcome> => {
      if (typeof requests === 'string') return { ok: false, error: requests };
      const ids: string[] = [];
      for (const request of requests) {
        try {
          const created = await create(request);
          ids.push(created.id);
          apply([created]);
        } catch (error) {
          return { ok: false, error: ids.length ? t.notices.someQueued(messageOf(error), ids.length, requests.length) : messageOf(error) };
        }
      }
      return { ok: true, ids };
    };

    return {
      transfers: TransferIndex.EMPTY,
      filter: 'all',
      kind: 'all',
      query: '',
      sort: DEFAULT_SORT,
      selected: [],
      anchor: null,
      settings: null,
      host: null,
      conditions: null,
      limits: null,
      rowDialog: null,
      throughput: [],
      notice: null,
      question: null,
      linkLostAt: null,
      ...removals.state,

      async load() {
        const [list, settings, host, conditions, throughput, limits] = await Promise.all([
          bridge.listTransfers(),
          bridge.getSettings(),
          bridge.getHostInfo(),
          bridge.getConditions(),
          bridge.getThroughput(),
          bridge.getLimits(),
        ]);
        const transfers = TransferIndex.of(removed.admitAll(list));
        // The host's history: a reload keeps the chart.
        set({ transfers, settings, host, conditions, limits, throughput: throughput.slice(-THROUGHPUT_SAMPLES) });
      },

      answer(yes) {
        const resolve = answerQuestion;
        answerQuestion = null;
        set({ question: null });
        resolve?.(yes);
      },

      async linkChanged(open) {
        if (!open) {
          // Nothing can be done now: a question waiting for an answer is answered "keep".
          if (answerQuestion) get().answer(false);
          if (!get().linkLostAt) set({ linkLostAt: new Date().toISOString() });
          return;
        }
        // Events were missed while away: the list counts as live once it is read again.
        await get().load();
        set({ linkLostAt: null });
        await removals.whenBack();
      },

      setFilter(filter) {
        narrow({ filter });
      },

      setKind(kind) {
        narrow({ kind });
      },

      setQuery(query) {
        narrow({ query });
      },

      setSort(sort) {
        set({ sort });
      },

      select(id, mode) {
        const s = get();
        const visible = visibleIds(s.transfers, s.filter, s.query, s.sort, s.kind);
        set({ selected: selectionAfter(s.selected, visible, id, mode, s.anchor), anchor: mode === 'range' ? s.anchor : id });
      },

      selectAll(ids) {
        set({ selected: ids ?? [], anchor: null });
      },

      async actOnMany(ids, action) {
        if (get().linkLostAt) return;
        if (action === 'remove') return get().remove(ids);
        const allowed = (transfer: TransferSnapshot | undefined): boolean => !!transfer && (action === 'resume' ? transfer.state === 'paused' : userActionAllowed('pause', transfer.state));
        const targets = ids.filter((id) => allowed(get().transfers.get(id)));
        const failures: string[] = [];
        for (const id of targets) {
          try {
            apply([await bridge[action](id)]);
          } catch (error) {
            failures.push(messageOf(error));
          }
        }
        if (failures.length) set({ notice: t.notices.someFailed(failures.length, targets.length, action, failures[0]!) });
      },

      async addDownloads(form) {
        const requests = requestsFromForm(form);
        if (typeof requests === 'string') return { ok: false, error: requests };
        // One call for all of them: checked together, saved together (none is added if one is refused).
        try {
          const created = await addWithActions(bridge, requests, form.whenDone);
          apply(created);
          return { ok: true, ids: created.map((t) => t.id) };
        } catch (error) {
          return { ok: false, error: messageOf(error) };
        }
      },

      async addUploads(form, sources) {
        return createAll(uploadRequestsFromForm(form, sources), (request: UploadRequest) => bridge.createUpload(request));
      },

      filePath(file) {
        return bridge.pathForFile?.(file) ?? null;
      },

      act: transferAction({ bridge, get, set, apply, ask, removed, saveLink, openTab, without, messageOf }),

      async clearFinished() {
        // By ids, not the engine's clearFinished: hidden first, so it can be undone.
        await get().remove(get().transfers.list().filter((tr) => tr.state === 'completed').map((tr) => tr.id));
      },

      async saveSettings(patch) {
        try {
          set({ settings: await bridge.setSettings(patch) });
          return { ok: true, ids: [] };
        } catch (error) {
          return { ok: false, error: messageOf(error) };
        }
      },

      openRowDialog: (dialog) => set({ rowDialog: dialog }),
      groupEditor: null,
      editGroup: (name) => set({ groupEditor: name }),

      async change(call) {
        try {
          const changed = [await call(bridge)].flat();
          apply(changed);
          return { ok: true, ids: changed.map((tr) => tr.id) };
        } catch (error) {
          return { ok: false, error: messageOf(error) };
        }
      },

      async checkFolder(dir) {
        return bridge.checkFolder(dir).catch(() => null);
      },

      dismissNotice() {
        set({ notice: null });
      },
      groups: bridge,
      browsers: bridge,
      folders: bridge,
      whenDone: bridge,
    };
  });

  const flush = (): void => {
    frameQueued = false;
    const list = pending;
    pending = [];
    if (list.length > 0) store.setState(merged(store.getState().transfers, removed.admit(list)));
  };

  const offTransfers = bridge.on('transfersChanged', (list) => {
    pending.push(...list);
    if (!frameQueued) {
      frameQueued = true;
      scheduleFrame(flush);
    }
  });
  const offSettings = bridge.on('settingsChanged', (settings) => store.setState({ settings }));
  const offConditions = bridge.on('conditionsChanged', (conditions) => store.setState({ conditions }));
  const offLimits = bridge.on('limitsChanged', (limits) => store.setState({ limits }));
  const offNotices = bridge.on('groupNotice', (notice) => showGroupNotice(notice, (text) => store.setState({ notice: text })));
  const offRemoved = bridge.on('transfersRemoved', (ids) => {
    // Nothing about them is shown again: not the updates waiting for a frame, nor any later one.
    removed.forget(ids);
    store.setState(without(store.getState(), ids));
  });
  const sampler = setInterval(() => {
    // Speeds from before the link was lost are not today's throughput.
    if (store.getState().linkLostAt) return;
    const speed = totalsOf(store.getState().transfers).speed;
    store.setState((s) => ({ throughput: [...s.throughput, speed].slice(-THROUGHPUT_SAMPLES) }));
  }, 1000);

  return Object.assign(store, {
    dispose() {
      offTransfers();
      offSettings();
      offConditions();
      offLimits();
      offNotices();
      offRemoved();
      clearInterval(sampler);
      removals.dispose();
    },
  });
}
