// The table rows' icons, drawn once: each lucide icon becomes a CSS mask, and a row's icon one
// <span> in the text's colour. Scrolling mounts a few rows each frame; a lucide icon made afresh
// is an <svg> with its paths and a dozen attributes each, a large part of making a row
// (bench/table-10k-bench.ts); an <svg><use> costs as much again in Chromium (its shadow tree).
import {
  ArrowUp, ExternalLink, FastForward, File, FileArchive, FileAudio, FileCode, FileImage, FileText, FileVideo, FolderOpen, Info, ListX, Package, Pause, Play, RotateCw, Trash2, X,
  type LucideIcon,
} from 'lucide-react';
import { useLayoutEffect, useRef, useState } from 'react';

const FILE_STROKE = 1.75;
const ICONS = {
  pause: [Pause, 2], play: [Play, 2], retry: [RotateCw, 2], anyway: [FastForward, 2], cancel: [X, 2], open: [ExternalLink, 2], reveal: [FolderOpen, 2],
  remove: [ListX, 2], deleteFile: [Trash2, 2], info: [Info, 2],
  file: [File, FILE_STROKE], fileVideo: [FileVideo, FILE_STROKE], fileAudio: [FileAudio, FILE_STROKE], fileArchive: [FileArchive, FILE_STROKE],
  fileText: [FileText, FILE_STROKE], fileImage: [FileImage, FILE_STROKE], package: [Package, FILE_STROKE], fileCode: [FileCode, FILE_STROKE],
  uploadBadge: [ArrowUp, 3],
} as const satisfies Record<string, readonly [LucideIcon, number]>;
export type IconName = keyof typeof ICONS;

/**
 * Once, beside the table: each icon drawn once as lucide draws it, then kept as a CSS mask (one
 * rule per icon, in a sheet adopted by the document) so a row's icon is a single element; done before the first paint.
 */
export function IconSheet() {
  const glyphs = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useLayoutEffect(() => {
    const drawn = [...(glyphs.current?.querySelectorAll<HTMLElement>('[data-icon]') ?? [])];
    // A constructed sheet: the page's CSP (style-src 'self') refuses a <style> element, not the CSSOM.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(drawn.map((g) => `.icon-${g.dataset['icon']}{mask-image:url("data:image/svg+xml,${encodeURIComponent(g.innerHTML)}")}`).join('\n'));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    setReady(true);
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, []);
  if (ready) return null;
  return (
    <div ref={glyphs} className="icon-sheet" aria-hidden="true">
      {Object.entries(ICONS).map(([name, [Glyph, stroke]]) => (
        <span key={name} data-icon={name}>
          <Glyph strokeWidth={stroke} />
        </span>
      ))}
    </div>
  );
}

/** One icon from the sheet, in the text's colour. */
export function SheetIcon({ name, size }: { name: IconName; size: number }) {
  return <span className={`sheet-icon icon-${name}`} style={{ width: size, height: size }} aria-hidden="true" />;
}
