// Asks for a password on the terminal without echoing it; null when stdin is not a terminal.
export function askPassword(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string | null> {
  if (!input.isTTY) return Promise.resolve(null);
  // Echo off before the prompt shows: what is typed at once must not appear either.
  input.setRawMode(true);
  output.write(prompt);
  return new Promise((resolve) => {
    let typed = '';
    input.resume();
    input.setEncoding('utf8');
    const done = (value: string | null): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done(typed);
        if (char === '\u0003' || char === '\u0004') {
          // Ctrl-C / Ctrl-D: give up as a person would expect.
          done(null);
          process.exit(130);
        }
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed += char;
      }
    };
    input.on('data', onData);
  });
}
