// The row menu's "Speed limit…": a transfer's own limit in a small dialog.
import { useFerry } from '../state/context.tsx';
import { displayName } from '../format.ts';
import { t } from '../i18n/catalog.ts';
import { Dialog, DialogButtons } from './Dialog.tsx';
import { OwnLimitForm } from './OwnLimitForm.tsx';

export function SpeedLimitDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const tr = useFerry((s) => s.transfers.get(id));
  if (!tr) return null;
  return (
    <Dialog title={t.limits.dialogTitle(displayName(tr))} onClose={onClose}>
      <p className="limit-hint">{t.limits.dialogHint}</p>
      <OwnLimitForm id={id} onSet={onClose}>
        <DialogButtons onClose={onClose} label={t.limits.set} />
      </OwnLimitForm>
    </Dialog>
  );
}
