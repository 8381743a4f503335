// Tabs as the WAI-ARIA pattern has them: one tab stop, the arrow keys (both axes), Home and End move
// between the tabs and show theirs. Every panel stays mounted, hidden, so what was typed in one
// (Settings' fields, a speed limit in the details) survives a look at another.
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface Section {
  id: string;
  label: string;
  content: ReactNode;
}

interface Props {
  sections: Section[];
  label: string;
  /** Unique on the page: the tabs' and panels' ids start with it. */
  idPrefix: string;
  orientation: 'horizontal' | 'vertical';
  className: string;
}

export function Tabs({ sections, label, idPrefix, orientation, className }: Props) {
  const [chosen, setChosen] = useState(sections[0]!.id);
  // A tab that went away (an upload's answer, when the pane moves to a download) gives way to the first.
  const current = sections.some((s) => s.id === chosen) ? chosen : sections[0]!.id;
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const go = (index: number) => {
    const next = (index + sections.length) % sections.length;
    setChosen(sections[next]!.id);
    tabs.current[next]?.focus();
  };
  const onKey = (event: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowRight: index + 1, ArrowUp: index - 1, ArrowLeft: index - 1, Home: 0, End: sections.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    go(to);
  };
  return (
    <div className={className}>
      <div role="tablist" aria-label={label} aria-orientation={orientation} className="tab-list">
        {sections.map((section, index) => (
          <button
            key={section.id}
            ref={(element) => {
              tabs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${section.id}`}
            aria-selected={section.id === current}
            aria-controls={`${idPrefix}-panel-${section.id}`}
            tabIndex={section.id === current ? 0 : -1}
            onClick={() => setChosen(section.id)}
            onKeyDown={(event) => onKey(event, index)}
          >
            {section.label}
          </button>
        ))}
      </div>
      {sections.map((section) => (
        <div
          key={section.id}
          role="tabpanel"
          id={`${idPrefix}-panel-${section.id}`}
          aria-labelledby={`${idPrefix}-tab-${section.id}`}
          hidden={section.id !== current}
          className="tab-panel"
          tabIndex={0}
        >
          {section.content}
        </div>
      ))}
    </div>
  );
}
