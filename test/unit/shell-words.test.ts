// The --on-complete command line is split as a shell splits it, and what only a shell does is refused.
import { expect, it } from 'vitest';
import { shellWords } from '../../shared/shell-words.ts';

it('splits on blanks, keeps quoted parts together, undoes backslashes as a shell does', () => {
  expect(shellWords('unpack  --to /srv/out\tfile.zip')).toEqual(['unpack', '--to', '/srv/out', 'file.zip']);
  expect(shellWords(`unpack "My File.zip" 'it''s' a\\ b`)).toEqual(['unpack', 'My File.zip', 'its', 'a b']);
  expect(shellWords(`echo "say \\"hi\\" \\\\ \\$HOME \\x" 'no \\escape' ""`)).toEqual(['echo', 'say "hi" \\ $HOME \\x', 'no \\escape', '']);
  expect(shellWords(`notify-send 'done: $FERRY_GROUP | * > x'`)).toEqual(['notify-send', 'done: $FERRY_GROUP | * > x']);
  expect(shellWords('a#b x~y')).toEqual(['a#b', 'x~y']);
});

it('refuses what only a shell would do, and broken quoting, naming the character', () => {
  for (const [line, message] of [
    ['tar xf a.tar | gzip', /\| means something only to a shell/],
    ['echo hi > out.txt', /> means something only to a shell/],
    ['echo $HOME', /\$ means something only to a shell/],
    ['rm *.part', /\* means something only to a shell/],
    ['ls ~/x', /~ means something only to a shell/],
    ['run # comment', /# means something only to a shell/],
    ['echo "$HOME"', /\$ inside double quotes/],
    ["echo 'open", /a quote \('\) is not closed/],
    ['echo "open', /a quote \("\) is not closed/],
    ['echo \\', /lone backslash/],
    ['   ', /the command is empty/],
  ] as const) {
    expect(() => shellWords(line), line).toThrow(message);
  }
});
