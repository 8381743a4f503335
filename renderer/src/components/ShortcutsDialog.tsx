import { Dialog, DialogButtons } from './Dialog.tsx';
import { t } from '../i18n/catalog.ts';

/** The keys the list answers to (use-shortcuts.ts), shown with "?". */

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title={t.shortcuts.title} onClose={onClose}>
      <dl className="shortcuts">
        {t.shortcuts.keys.map(([keys, what]) => (
          <div key={keys} className="detail">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <DialogButtons onClose={onClose} />
    </Dialog>
  );
}
