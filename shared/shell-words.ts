// Splits a command line into words as a POSIX shell does for quoting ('single', "double" with
// \" \\ \$ \` escapes, backslash outside quotes), so `--on-complete 'unpack "My File.zip"'` runs
// unpack with one argument. What only a shell would do (pipes, redirections, $VAR, `...`, globs,
// ~, comments) is refused with its character named: the words are run without a shell, and doing
// something else than the user wrote would be worse than saying so. (shell-quote expands $VAR
// from an environment and returns operators as objects; string-argv keeps backslashes: neither
// splits as a shell does without a shell's other powers.)

const SHELL_ONLY = new Set(['|', '&', ';', '<', '>', '(', ')', '$', '`', '*', '?', '[', '#', '~']);

export class ShellWordsError extends Error {}

export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ShellWordsError(`a quote (') is not closed in: ${line}`);
      word += line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      i = doubleQuoted(line, i + 1, (text) => (word += text));
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new ShellWordsError(`the command ends with a lone backslash: ${line}`);
      word += line[++i];
    } else if (SHELL_ONLY.has(c) && (c !== '#' && c !== '~' ? true : !inWord)) {
      throw new ShellWordsError(`${c} means something only to a shell, and this command is run without one; quote it ('${c}') if it is part of an argument, or run a script`);
    } else {
      word += c;
    }
    inWord = true;
  }
  if (inWord) words.push(word);
  if (words.length === 0) throw new ShellWordsError('the command is empty');
  return words;
}

/** Reads a "double-quoted" part from `start` (after the quote); returns the index of its closing quote. */
function doubleQuoted(line: string, start: number, add: (text: string) => void): number {
  for (let i = start; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') return i;
    if (c === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1]!)) {
      add(line[++i]!);
    } else if (c === '$' || c === '`') {
      throw new ShellWordsError(`${c} inside double quotes means something only to a shell, and this command is run without one; use single quotes ('${c}') or a backslash (\\${c})`);
    } else {
      add(c);
    }
  }
  throw new ShellWordsError(`a quote (") is not closed in: ${line}`);
}
