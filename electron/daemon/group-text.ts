// How `ferry group ls` and `ferry group show` print a group: its state in one line, then its
// actions, members and what ran (exit codes and the output kept).
import type { GroupInfo } from '../../shared/model.ts';
import { FINAL_STATES } from '../../shared/model.ts';
import { runWindowsText } from '../../shared/schedule-text.ts';

/** One line: name, behavior and where the group is (open, waiting, running, ran). */
export function groupSummary(g: GroupInfo): string {
  const ended = g.members.filter((m) => FINAL_STATES.includes(m.state)).length;
  const last = g.history.at(-1);
  const state =
    g.running ? 'running its actions'
    : g.firedAt ? `done ${g.firedAt}${last?.outcomes.length ? ` (${last.outcomes.map((o) => o.message).join('; ')})` : ''}`
    : g.closed ? `closed, ${ended} of ${g.members.length} finished`
    : `open, ${g.members.length} member${g.members.length === 1 ? '' : 's'}`;
  return `${g.name} ${g.behavior} ${state}`;
}

/** A program's words as one could type them again. */
function quoted(words: string[]): string {
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", `'\\''`)}'`)).join(' ');
}

export function groupLines(g: GroupInfo): string[] {
  const lines = [groupSummary(g)];
  if (g.runWindows.length) lines.push(`  runs only: ${runWindowsText(g.runWindows)} (and when the settings' windows allow)`);
  if (g.onComplete?.moveTo) lines.push(`  on complete: move the files into ${g.onComplete.moveTo}`);
  if (g.onComplete?.run) lines.push(`  on complete: run ${quoted(g.onComplete.run)}${g.onComplete.action ? ` (the action ${g.onComplete.action})` : ''}`);
  if (g.onComplete?.openFolder) lines.push('  on complete: open the folder');
  if (g.onComplete?.notify) lines.push('  on complete: notify');
  lines.push(`  members (${g.members.length}):`);
  for (const m of g.members) lines.push(`    ${m.id.slice(0, 8)} ${m.state} ${m.path ?? m.url}${m.error ? ` (${m.error.status}: ${m.error.message})` : ''}`);
  for (const firing of g.history) {
    lines.push(`  ran ${firing.startedAt} to ${firing.finishedAt}${firing.rerun ? ' (again: Ferry had stopped while they ran)' : ''}`);
    for (const o of firing.outcomes) {
      lines.push(`    ${o.action}: ${o.message}`);
      for (const text of o.output.split('\n').filter(Boolean)) lines.push(`      ${text}`);
      if (o.truncated) lines.push('      (output cut at 64 KiB)');
    }
  }
  return lines;
}
