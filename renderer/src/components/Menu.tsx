// A popup menu (the header's column menu, the row menu): role="menu" with its items, opened at a
// point, kept inside the window; arrows move between items, Enter or a click chooses, Esc, Tab or
// a click elsewhere closes it.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  /** A check box item (menuitemcheckbox) when set. */
  checked?: boolean;
  /** A line before this item. */
  separated?: boolean;
}

interface Props {
  label: string;
  items: MenuItem[];
  /** Its top left; `above`: the opener's top, where it ends instead when there is no room below (a button at the bottom). */
  at: { x: number; y: number; above?: number };
  onClose: () => void;
}

export function Menu({ label, items, at, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState(at);

  useLayoutEffect(() => {
    const box = ref.current!.getBoundingClientRect();
    const below = at.y + box.height <= innerHeight - 4 || at.above === undefined ? at.y : at.above - box.height - 2;
    setPlace({ x: Math.max(4, Math.min(at.x, innerWidth - box.width - 4)), y: Math.max(4, Math.min(below, innerHeight - box.height - 4)) });
    ref.current!.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, [at]);

  useEffect(() => {
    const outside = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [onClose]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    const buttons = [...ref.current!.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const move = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    // The list's own keys (Space, Delete) must not act on the rows while the menu is open.
    event.stopPropagation();
    if (move !== undefined) {
      event.preventDefault();
      buttons[(move + buttons.length) % buttons.length]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <div ref={ref} role="menu" aria-label={label} className="menu" style={{ left: place.x, top: place.y }} onKeyDown={onKeyDown} onContextMenu={(e) => e.preventDefault()}>
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role={item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
          aria-checked={item.checked}
          tabIndex={-1}
          disabled={item.disabled}
          className={item.separated ? 'separated' : undefined}
          onClick={() => {
            onClose();
            item.onSelect();
          }}
        >
          <span className="check" aria-hidden="true">{item.checked ? '✓' : ''}</span>
          {item.label}
        </button>
      ))}
    </div>
  );
}
