// The English words of "when everything is done" (the header's button, its menu and the
// countdown), spread into the catalog by en.ts.
export const enWhenDone = {
  whenDone: {
    button: (choice: string) => `When done: ${choice}`,
    menu: 'When everything is done',
    hint: 'What Ferry does once no transfer is running, queued or waiting to retry (paused and held ones do not count), after a 60 s countdown you can cancel. Once only, and not saved: a restart forgets it.',
    choices: { nothing: 'Nothing', quit: 'Quit Ferry', sleep: 'Sleep', shutdown: 'Shut down' },
    doing: { quit: 'quit', sleep: 'put the computer to sleep', shutdown: 'shut the computer down' },
    countdown: (doing: string, seconds: number) => `Everything is done: Ferry will ${doing} in ${seconds} s.`,
    cancel: 'Cancel',
    refused: (why: string) => `When done: ${why}`,
    problem: (why: string) => `Last time: ${why}`,
  },
};
