// The bar above the details pane that sets its height: dragged with the pointer, or focused and
// moved with the arrow keys (Home and End: smallest and largest), as the WAI-ARIA window splitter.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { MIN_PANE_HEIGHT, PANE_STEP } from '../../state/pane-height.ts';

interface Props {
  label: string;
  /** The id of the pane it sizes. */
  controls: string;
  height: number;
  /** The largest height the window allows now. */
  most: number;
  onResize: (height: number) => void;
}

export function Splitter({ label, controls, height, most, onResize }: Props) {
  const drag = useRef<{ y: number; height: number } | null>(null);
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { y: event.clientY, height };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    // Up makes the pane taller.
    if (drag.current) onResize(drag.current.height + drag.current.y - event.clientY);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const to: Record<string, number> = { ArrowUp: height + PANE_STEP, ArrowDown: height - PANE_STEP, Home: MIN_PANE_HEIGHT, End: most };
    if (!(event.key in to)) return;
    event.preventDefault();
    onResize(to[event.key]!);
  };
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={height}
      aria-valuemin={MIN_PANE_HEIGHT}
      aria-valuemax={most}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
      onKeyDown={onKeyDown}
    />
  );
}
