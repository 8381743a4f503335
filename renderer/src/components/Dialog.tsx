import { useEffect, useId, useRef, type ReactNode } from 'react';

/** A modal dialog: labelled by its title, Escape closes it, focus starts inside. */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, textarea, select, button')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
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

/** Close, then the dialog's main action (a submit button unless `submit` is false). */
export function DialogButtons({ onClose, label, disabled = false, submit = true }: { onClose: () => void; label: string; disabled?: boolean; submit?: boolean }) {
  return (
    <div className="buttons">
      <button type="button" onClick={onClose}>
        Close
      </button>
      <button type={submit ? 'submit' : 'button'} className="primary" disabled={disabled}>
        {label}
      </button>
    </div>
  );
}
