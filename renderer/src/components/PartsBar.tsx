// The parts of a segmented download that are on disk, drawn along its length as IDM and FDM draw
// them: each saved range a fill at its place. Ranges closer than a cell are drawn as one, so a
// long list costs no more than CELLS elements.
import type { SegmentsInfo } from '../../../shared/model.ts';

const CELLS = 200;

/** The ranges as [left %, width %], merged where they meet within one cell. */
export function partsToDraw(done: SegmentsInfo['done'], total: number): Array<[number, number]> {
  if (total <= 0) return [];
  const cell = total / CELLS;
  const out: Array<[number, number]> = [];
  for (const [start, end] of done) {
    const last = out.at(-1);
    if (last && start - last[1] < cell) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out.map(([start, end]) => [(start / total) * 100, ((end - start) / total) * 100]);
}

export function PartsBar({ done, total, className }: { done: SegmentsInfo['done']; total: number; className: string }) {
  return (
    <>
      {partsToDraw(done, total).map(([left, width]) => (
        <div key={left} className={className} style={{ left: `${left}%`, width: `${width}%` }} />
      ))}
    </>
  );
}
