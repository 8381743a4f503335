// The sections of Settings as tabs (the WAI-ARIA tabs pattern: arrow keys, Home and End move between
// them). Every section's fields stay mounted, hidden, so one Save keeps what was typed in each.
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface Section {
  id: string;
  label: string;
  content: ReactNode;
}

export function SettingsTabs({ sections, label }: { sections: Section[]; label: string }) {
  const [current, setCurrent] = useState(sections[0]!.id);
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const go = (index: number) => {
    const next = (index + sections.length) % sections.length;
    setCurrent(sections[next]!.id);
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
    <div className="settings-sections">
      <div role="tablist" aria-label={label} aria-orientation="vertical" className="settings-tabs">
        {sections.map((section, index) => (
          <button
            key={section.id}
            ref={(element) => {
              tabs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`settings-tab-${section.id}`}
            aria-selected={section.id === current}
            aria-controls={`settings-panel-${section.id}`}
            tabIndex={section.id === current ? 0 : -1}
            onClick={() => setCurrent(section.id)}
            onKeyDown={(event) => onKey(event, index)}
          >
            {section.label}
          </button>
        ))}
      </div>
      {sections.map((section) => (
        <div key={section.id} role="tabpanel" id={`settings-panel-${section.id}`} aria-labelledby={`settings-tab-${section.id}`} hidden={section.id !== current} className="settings-panel">
          {section.content}
        </div>
      ))}
    </div>
  );
}
