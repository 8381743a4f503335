// State files written by older mains (test/fixtures/) hold placeholders where a file's identity
// goes (inode numbers cannot be committed): the tests fill them in from the files they make.
import fs from 'node:fs';

/** `text` with each `__<TAG>_DEV__`, `_INO__` and `_BIRTH__` placeholder filled in from that file's identity. */
export function withIdentities(text: string, files: Record<string, string>): string {
  let filled = text;
  for (const [tag, file] of Object.entries(files)) {
    const stat = fs.statSync(file, { bigint: false });
    filled = filled.replaceAll(`__${tag}_DEV__`, String(stat.dev)).replaceAll(`__${tag}_INO__`, String(stat.ino)).replaceAll(`__${tag}_BIRTH__`, String(stat.birthtimeMs));
  }
  return filled;
}
