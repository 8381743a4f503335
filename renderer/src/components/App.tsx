import { useEffect, useMemo, useRef, useState } from 'react';
import { useFerry, useFerryStore } from '../state/context.tsx';
import { totalsOf } from '../state/filters.ts';
import { t } from '../i18n/catalog.ts';
import { dropIntent } from '../drop.ts';
import { ListToolbar } from './ListControls.tsx';
import { Sidebar } from './Sidebar.tsx';
import { StatusBar } from './StatusBar.tsx';
import { TransferTable } from './TransferTable.tsx';
import { DetailsPane } from './details/DetailsPane.tsx';
import { useDetailsPane } from './details/use-details-pane.ts';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { useShortcuts } from './use-shortcuts.ts';
import { ThroughputChart } from './ThroughputChart.tsx';
import { AddDownloadDialog } from './AddDownloadDialog.tsx';
import { UploadDialog } from './UploadDialog.tsx';
import { SettingsDialog } from './SettingsDialog.tsx';
import { WaitingSummary } from './WaitingSummary.tsx';
import { LimitLine, LimitSwitch } from './LimitSwitch.tsx';
import { AddressDialog } from './AddressDialog.tsx';
import { GroupEditor } from './GroupEditor.tsx';
import { SpeedLimitDialog } from './SpeedLimitDialog.tsx';
import { QuestionDialog } from './QuestionDialog.tsx';
import { Banners } from './Banners.tsx';
import { ROW_DRAG_TYPE } from './use-queue-drag.ts';

type Open = { kind: 'add'; urls: string } | { kind: 'upload'; files: File[] } | { kind: 'settings' } | { kind: 'help' } | null;

/**
 * How the page is connected to its host: 'connecting' at first (nothing shown), 'disconnected'
 * once an attempt has really failed or the connection was lost; 'loggedOut' only in the browser
 * (see bridge/session.ts).
 */
export type Connection = 'connecting' | 'connected' | 'disconnected' | 'loggedOut';

export function App({ connection }: { connection: Connection }) {
  const [open, setOpen] = useState<Open>(null);
  const [dragging, setDragging] = useState(false);
  const [mainElement, setMainElement] = useState<HTMLElement | null>(null);
  const clearFinished = useFerry((s) => s.clearFinished);
  const anyCompleted = useFerry((s) => totalsOf(s.transfers).completed > 0);
  const lostAt = useFerry((s) => s.linkLostAt);
  const asking = useFerry((s) => s.question !== null);
  const offline = lostAt !== null;
  const theme = useFerry((s) => s.settings?.theme ?? 'system');
  const density = useFerry((s) => s.settings?.density ?? 'comfortable');
  const rowDialog = useFerry((s) => s.rowDialog);
  const openRowDialog = useFerry((s) => s.openRowDialog);
  const groupEditor = useFerry((s) => s.groupEditor);
  const editGroup = useFerry((s) => s.editGroup);
  const store = useFerryStore();
  const details = useDetailsPane();
  // Every id, read when clicked: a selector returning them all would compare 10,000 ids on each change.
  const actOnAll = (action: 'pause' | 'resume') => void store.getState().actOnMany(store.getState().transfers.ids(), action);
  const searchRef = useRef<HTMLInputElement>(null);
  const uploadRef = useRef<HTMLInputElement>(null);
  const shortcuts = useMemo(
    () => ({
      enabled: open === null && groupEditor === null && !asking && !offline && connection !== 'loggedOut',
      openAdd: () => setOpen({ kind: 'add', urls: '' }),
      openUpload: () => uploadRef.current?.click(),
      openHelp: () => setOpen({ kind: 'help' }),
      closeDetails: details.shown === null ? null : details.close,
      searchRef,
    }),
    [open, groupEditor, asking, offline, connection, details.shown, details.close],
  );
  useShortcuts(shortcuts);

  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset['theme'];
    else document.documentElement.dataset['theme'] = theme;
  }, [theme]);

  useEffect(() => {
    // A row dragged within the list is not a drop of links or files.
    const rows = (e: DragEvent) => e.dataTransfer?.types.includes(ROW_DRAG_TYPE) ?? false;
    const over = (e: DragEvent) => {
      if (rows(e)) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!e.relatedTarget) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (rows(e)) return;
      e.preventDefault();
      setDragging(false);
      const intent = dropIntent(e.dataTransfer);
      if (intent?.kind === 'files') setOpen({ kind: 'upload', files: intent.files });
      else if (intent?.kind === 'links') setOpen({ kind: 'add', urls: intent.urls.join('\n') });
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <div className={`app density-${density}${dragging ? ' dragging' : ''}${offline ? ' offline' : ''}`}>
      <header>
        <div className="title">
          <div className="title-line">
            <h1>{t.app.name}</h1>
            {/* Beside the name, not among the buttons: the header keeps its height at 1280 px. */}
            {connection !== 'loggedOut' && <LimitSwitch disabled={offline} />}
          </div>
          {connection !== 'loggedOut' && <WaitingSummary />}
          {connection !== 'loggedOut' && <LimitLine />}
        </div>
        {connection !== 'loggedOut' && <ThroughputChart />}
        <div className="header-buttons" style={connection === 'loggedOut' ? { display: 'none' } : undefined}>
          <button type="button" className="primary" disabled={offline} onClick={() => setOpen({ kind: 'add', urls: '' })}>
            {t.app.addDownload}
          </button>
          <label className="button" aria-disabled={offline}>
            {t.app.upload}
            <input
              ref={uploadRef}
              type="file"
              disabled={offline}
              multiple
              className="visually-hidden"
              aria-label={t.app.uploadFiles}
              onChange={(e) => {
                const picked = [...(e.target.files ?? [])];
                e.target.value = '';
                if (picked.length > 0) setOpen({ kind: 'upload', files: picked });
              }}
            />
          </label>
          <button type="button" disabled={offline} onClick={() => actOnAll('pause')} title={t.app.pauseAllHint}>
            {t.app.pauseAll}
          </button>
          <button type="button" disabled={offline} onClick={() => actOnAll('resume')} title={t.app.resumeAllHint}>
            {t.app.resumeAll}
          </button>
          <button type="button" onClick={() => void clearFinished()} disabled={offline || !anyCompleted} title={t.app.clearFinishedHint}>
            {t.app.clearFinished}
          </button>
          <button type="button" disabled={offline} onClick={() => setOpen({ kind: 'settings' })}>
            {t.app.settings}
          </button>
        </div>
      </header>
      <Banners connection={connection} />
      {/* Logged out, the list would only pretend to be empty. */}
      {connection !== 'loggedOut' && (
        <>
          <div className="window-body">
            <Sidebar />
            <main ref={setMainElement}>
              <ListToolbar searchRef={searchRef} />
              <TransferTable onDetails={details.open} />
              {details.shown !== null && <DetailsPane id={details.shown} container={mainElement} onClose={details.close} />}
            </main>
          </div>
          <StatusBar />
        </>
      )}
      {dragging && <div className="drop-hint">{t.app.dropHint}</div>}
      {open?.kind === 'add' && <AddDownloadDialog initialUrls={open.urls} onClose={() => setOpen(null)} />}
      {open?.kind === 'upload' && <UploadDialog files={open.files} onClose={() => setOpen(null)} />}
      {open?.kind === 'settings' && <SettingsDialog onClose={() => setOpen(null)} />}
      {open?.kind === 'help' && <ShortcutsDialog onClose={() => setOpen(null)} />}
      {rowDialog?.kind === 'limit' && <SpeedLimitDialog id={rowDialog.id} onClose={() => openRowDialog(null)} />}
      {rowDialog?.kind === 'address' && <AddressDialog id={rowDialog.id} onClose={() => openRowDialog(null)} />}
      {groupEditor !== null && <GroupEditor name={groupEditor} onClose={() => editGroup(null)} />}
      <QuestionDialog />
    </div>
  );
}
