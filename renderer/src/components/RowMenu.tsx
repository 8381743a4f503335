// The row menu (right-click, the context-menu key or Shift+F10): what can be done with a transfer.
// Pause, Resume and Remove act on the whole selection when the row is part of it, as in a file
// manager; the rest on the row itself.
import { FINAL_STATES, type TransferSnapshot } from '../../../shared/model.ts';
import { userActionAllowed } from '../../../shared/user-actions.ts';
import { useFerry, useFerryStore } from '../state/context.tsx';
import { displayName } from '../format.ts';
import { t } from '../i18n/catalog.ts';
import { Menu, type MenuItem } from './Menu.tsx';
import { canOpenWhileDownloading } from '../state/open-while-downloading.ts';

interface Props {
  id: string;
  at: { x: number; y: number };
  onClose: () => void;
  onDetails: (id: string) => void;
}

const copy = (text: string) => void navigator.clipboard?.writeText(text).catch(() => undefined);

function items(tr: TransferSnapshot, targets: string[], s: ReturnType<typeof useMenuState>, onDetails: Props['onDetails']): MenuItem[] {
  const offline = s.offline;
  const finishedDownload = tr.state === 'completed' && tr.kind === 'download';
  // The desktop opens the file; the browser saves it through a one-time link.
  const open = s.canOpenFiles ? 'open' : s.fileLinks ? 'download' : null;
  const list: MenuItem[] = [
    { label: t.actions.open, onSelect: () => void s.act(tr.id, open ?? 'open'), disabled: offline || !finishedDownload || open === null },
  ];
  if (canOpenWhileDownloading(tr, s.host)) list.push({ label: t.actions.openWhileDownloading, onSelect: () => void s.act(tr.id, 'stream'), disabled: offline });
  if (s.canOpenFiles) list.push({ label: t.actions.reveal, onSelect: () => void s.act(tr.id, 'reveal'), disabled: offline || !finishedDownload });
  list.push(
    { label: t.rowMenu.copyAddress, onSelect: () => copy(tr.url), separated: true },
    { label: t.rowMenu.copyPath, onSelect: () => copy(tr.path ?? ''), disabled: !tr.path },
    tr.state === 'paused'
      ? { label: t.actions.resume, onSelect: () => void s.actOnMany(targets, 'resume'), disabled: offline, separated: true }
      : { label: t.actions.pause, onSelect: () => void s.actOnMany(targets, 'pause'), disabled: offline || !userActionAllowed('pause', tr.state), separated: true },
    { label: t.actions.retry, onSelect: () => void s.act(tr.id, 'retry'), disabled: offline || !(tr.state === 'failed' || tr.state === 'canceled') },
    ...(tr.state === 'scheduled' ? [{ label: t.actions.startNow, onSelect: () => void s.act(tr.id, 'startNow'), disabled: offline }] : []),
    { label: t.actions.remove, onSelect: () => void s.actOnMany(targets, 'remove'), disabled: offline },
    // Ferry deletes only files it wrote: a download's, never an upload's source.
    { label: t.actions.deleteFile, onSelect: () => void s.act(tr.id, 'deleteFile'), disabled: offline || !finishedDownload },
    { label: t.rowMenu.speedLimit, onSelect: () => s.openRowDialog({ kind: 'limit', id: tr.id }), disabled: offline || FINAL_STATES.includes(tr.state), separated: true },
    {
      label: t.rowMenu.changeAddress,
      onSelect: () => s.openRowDialog({ kind: 'address', id: tr.id }),
      disabled: offline || tr.kind !== 'download' || !userActionAllowed('setUrl', tr.state),
    },
    { label: t.rowMenu.details, onSelect: () => onDetails(tr.id) },
  );
  // Only a queued transfer has a place in the queue; the selection's queued ones move together.
  if (tr.state === 'queued') {
    const queued = targets.filter((id) => s.transfers.get(id)?.state === 'queued');
    const moves = [['top', t.rowMenu.moveTop], ['up', t.rowMenu.moveUp], ['down', t.rowMenu.moveDown], ['bottom', t.rowMenu.moveBottom]] as const;
    moves.forEach(([move, label], index) =>
      list.push({ label, separated: index === 0, disabled: offline, onSelect: () => void s.change((bridge) => bridge.moveInQueue(queued, move)).then((o) => !o.ok && s.notify(o.error)) }),
    );
  }
  return list;
}

function useMenuState() {
  const store = useFerryStore();
  return {
    transfers: useFerry((s) => s.transfers),
    change: useFerry((s) => s.change),
    // A refused move says why where the other refusals do.
    notify: (message: string) => store.setState({ notice: message }),
    act: useFerry((s) => s.act),
    actOnMany: useFerry((s) => s.actOnMany),
    offline: useFerry((s) => s.linkLostAt !== null),
    canOpenFiles: useFerry((s) => s.host?.canOpenFiles ?? false),
    fileLinks: useFerry((s) => s.host?.fileLinks ?? false),
    host: useFerry((s) => s.host),
    openRowDialog: useFerry((s) => s.openRowDialog),
  };
}

export function RowMenu({ id, at, onClose, onDetails }: Props) {
  const tr = useFerry((s) => s.transfers.get(id));
  const selected = useFerry((s) => s.selected);
  const state = useMenuState();
  if (!tr) return null;
  const targets = selected.includes(id) ? selected : [id];
  return <Menu label={t.rowMenu.label(displayName(tr))} items={items(tr, targets, state, onDetails)} at={at} onClose={onClose} />;
}
