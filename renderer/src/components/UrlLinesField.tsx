// The add form's addresses, one per line, with each bad line marked where it is: its number in the
// gutter and a band behind it, kept aligned with the text while it scrolls (lines do not wrap, so a
// line of text is a line of the marks). The list of problems stays below the form (FormError).
import { useId, useRef, type ReactNode } from 'react';
import { t } from '../i18n/catalog.ts';

interface Props {
  label: ReactNode;
  value: string;
  placeholder: string;
  /** The bad lines' numbers (from 1); none: nothing is marked. */
  badLines: number[];
  /** The id of the list of problems, when it is shown. */
  errorId?: string;
  onChange(value: string): void;
}

export function UrlLinesField({ label, value, placeholder, badLines, errorId, onChange }: Props) {
  const gutter = useRef<HTMLDivElement>(null);
  const marks = useRef<HTMLDivElement>(null);
  const noteId = useId();
  const areaId = useId();
  const bad = new Set(badLines);
  const lines = value.split(/\r?\n/);
  const follow = (area: HTMLTextAreaElement) => {
    if (gutter.current) gutter.current.scrollTop = area.scrollTop;
    if (marks.current) {
      marks.current.scrollTop = area.scrollTop;
      marks.current.scrollLeft = area.scrollLeft;
    }
  };
  const describedBy = [bad.size ? noteId : null, errorId ?? null].filter(Boolean).join(' ') || undefined;

  return (
    <div className="url-field">
      <label htmlFor={areaId}>{label}</label>
      <div className={bad.size ? 'url-lines marked' : 'url-lines'}>
        <div className="url-gutter" aria-hidden="true" ref={gutter}>
          <div>
            {lines.map((_, index) => (
              <div key={index} className={bad.has(index + 1) ? 'bad' : undefined}>
                {index + 1}
              </div>
            ))}
          </div>
        </div>
        <div className="url-text">
          <div className="url-marks" aria-hidden="true" ref={marks}>
            {lines.map((line, index) => (
              <div key={index} className={bad.has(index + 1) ? 'bad' : undefined}>
                {line || ' '}
              </div>
            ))}
          </div>
          <textarea
            id={areaId}
            name="urls"
            rows={Math.min(Math.max(lines.length, 3), 8)}
            wrap="off"
            spellCheck={false}
            value={value}
            placeholder={placeholder}
            aria-invalid={bad.size > 0 || errorId !== undefined}
            aria-describedby={describedBy}
            onScroll={(e) => follow(e.currentTarget)}
            onChange={(e) => {
              onChange(e.target.value);
              follow(e.target);
            }}
          />
        </div>
      </div>
      {bad.size > 0 && (
        <span className="visually-hidden" id={noteId}>
          {t.forms.markedLines([...bad])}
        </span>
      )}
    </div>
  );
}
