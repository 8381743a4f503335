import { useEffect, useId, useRef, type ReactNode } from 'react';
import { t } from '../i18n/catalog.ts';

const FOCUSABLE = 'a[href], input:not([disabled]), textarea:not([disabled]), select:not([disabled]), button:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: labelled by its title, Escape closes it, focus starts inside, Tab and Shift+Tab
 * stay inside, and closing gives focus back to what had it before.
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.querySelector<HTMLElement>('input, textarea, select, button')?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') return onClose();
      if (event.key !== 'Tab' || !ref.current) return;
      const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
      if (focusable.length === 0) return;
      const first = focusable[0]!;
      const last = focusable.at(-1)!;
      const inside = ref.current.contains(document.activeElement);
      if (!inside || (event.shiftKey && document.activeElement === first) || (!event.shiftKey && document.activeElement === last)) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={ref}>
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

/** Close, then the dialog's main action if it has one (a submit button unless `submit` is false). */
export function DialogButtons({ onClose, label, disabled = false, submit = true }: { onClose: () => void; label?: string; disabled?: boolean; submit?: boolean }) {
  return (
    <div className="buttons">
      <button type="button" onClick={onClose}>
        {t.dialog.close}
      </button>
      {label && (
        <button type={submit ? 'submit' : 'button'} className="primary" disabled={disabled}>
          {label}
        </button>
      )}
    </div>
  );
}
