// A real program for completion groups to run: a Node script that appends one line per run to a
// log as it starts (the group's name, the results file's members, and whether any FERRY_ variable
// but the group's two leaked in), prints what it is told, and exits with the code it is told (once
// a gate file exists, if it is given one).
import fs from 'node:fs';
import path from 'node:path';

const SCRIPT = `
const fs = require('node:fs');
const [log, code, printBytes, gate] = process.argv.slice(2);
const results = JSON.parse(fs.readFileSync(process.env.FERRY_RESULTS, 'utf8'));
const leaked = Object.keys(process.env).filter((k) => k.startsWith('FERRY_') && k !== 'FERRY_GROUP' && k !== 'FERRY_RESULTS');
fs.appendFileSync(log, JSON.stringify({ group: process.env.FERRY_GROUP, members: results.members, leaked }) + '\\n');
process.stdout.write('ran for ' + process.env.FERRY_GROUP + '\\n');
if (Number(printBytes) > 0) process.stdout.write('x'.repeat(Number(printBytes)));
process.exitCode = Number(code);
// With a gate: it ends only once that file exists (a program still running when Ferry is killed).
if (gate) { const wait = () => (fs.existsSync(gate) ? undefined : setTimeout(wait, 50)); wait(); }
`;

export interface GroupProgram {
  /** The words to run it: node, the script, the log, the exit code, how many more bytes to print, a gate file. */
  words(exitCode?: number, printBytes?: number, gate?: string): string[];
  /** One entry per run so far. */
  runs(): Array<{ group: string; members: Array<{ id: string; url: string; path: string | null; state: string; error: { status: string } | null }>; leaked: string[] }>;
}

export function groupProgram(dir: string, name = 'group-program'): GroupProgram {
  const script = path.join(dir, `${name}.cjs`);
  const log = path.join(dir, `${name}.log`);
  fs.writeFileSync(script, SCRIPT);
  return {
    words: (exitCode = 0, printBytes = 0, gate?: string) => [process.execPath, script, log, String(exitCode), String(printBytes), ...(gate ? [gate] : [])],
    runs: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as ReturnType<GroupProgram['runs']>[number]) : []),
  };
}
