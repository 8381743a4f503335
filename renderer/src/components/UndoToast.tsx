import { useFerry } from '../state/context.tsx';
import { t } from '../i18n/catalog.ts';

/** "Removed 3 transfers from the list. Undo": for as long as the removal can be undone. */
export function UndoToast() {
  const undo = useFerry((s) => s.undo);
  const undoRemoval = useFerry((s) => s.undoRemoval);
  const finishRemoval = useFerry((s) => s.finishRemoval);
  if (!undo) return null;
  return (
    <div className="toast" role="status">
      <span>{t.undo.removed(undo.count)}</span>
      <button type="button" onClick={undoRemoval}>
        {t.undo.undo}
      </button>
      <button type="button" className="quiet" onClick={() => void finishRemoval()}>
        {t.app.dismiss}
      </button>
    </div>
  );
}
