// The details of one transfer in a pane below the list (not a modal: the list stays usable and the
// pane follows the selection). Its tabs: General, Parts, History, and for an upload the server's
// answer. The height is the user's (the splitter above it), remembered; the list gets shorter and
// its rows stay where they were.
import { useEffect, useId, useState } from 'react';
import { X } from 'lucide-react';
import { useFerry } from '../../state/context.tsx';
import { displayName } from '../../format.ts';
import { t } from '../../i18n/catalog.ts';
import { clampPaneHeight, loadPaneHeight, savePaneHeight } from '../../state/pane-height.ts';
import { Tabs, type Section } from '../Tabs.tsx';
import { Splitter } from './Splitter.tsx';
import { GeneralTab } from './GeneralTab.tsx';
import { PartsTab } from './PartsTab.tsx';
import { HistoryTab } from './HistoryTab.tsx';
import { AnswerTab } from './AnswerTab.tsx';

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

/** The height the pane's container (the list and the pane) has, followed as the window changes. */
function useRoom(element: HTMLElement | null): number {
  const [room, setRoom] = useState(() => element?.clientHeight ?? window.innerHeight);
  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(() => setRoom(element.clientHeight));
    observer.observe(element);
    setRoom(element.clientHeight);
    return () => observer.disconnect();
  }, [element]);
  return room;
}

interface Props {
  id: string;
  /** The element the list and the pane share: the pane leaves the list room in it. */
  container: HTMLElement | null;
  onClose: () => void;
}

export function DetailsPane({ id, container, onClose }: Props) {
  const tr = useFerry((s) => s.transfers.get(id));
  const paneId = useId();
  const titleId = useId();
  const [wanted, setWanted] = useState(() => loadPaneHeight(storage()));
  const room = useRoom(container);
  const height = clampPaneHeight(wanted, room);
  const most = clampPaneHeight(Infinity, room);
  useEffect(() => savePaneHeight(storage(), wanted), [wanted]);
  if (!tr) return null;
  const sections: Section[] = [
    { id: 'general', label: t.details.general, content: <GeneralTab tr={tr} /> },
    { id: 'parts', label: t.details.parts, content: <PartsTab tr={tr} /> },
    { id: 'history', label: t.details.history, content: <HistoryTab tr={tr} /> },
  ];
  if (tr.kind === 'upload') sections.push({ id: 'answer', label: t.details.serverAnswer, content: <AnswerTab tr={tr} /> });
  return (
    <>
      <Splitter label={t.details.resize} controls={paneId} height={height} most={most} onResize={(h) => setWanted(clampPaneHeight(h, room))} />
      <section
        id={paneId}
        className="details-pane"
        aria-labelledby={titleId}
        style={{ height }}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          // Here, in a field too; not on to the shortcuts as well.
          event.stopPropagation();
          onClose();
        }}
      >
        <div className="pane-head">
          <h2 id={titleId}>{t.details.title(displayName(tr))}</h2>
          <button type="button" className="icon" aria-label={t.details.closePane} title={t.details.closePane} onClick={onClose}>
            <X size={16} aria-hidden="true" />
          </button>
        </div>
        <Tabs sections={sections} label={t.details.tabs} idPrefix="details" orientation="horizontal" className="pane-tabs" />
      </section>
    </>
  );
}
