// The English words of "when everything is done" (the header's button, its menu and the
// countdown), spread into the catalog by en.ts.
import { WHEN_DONE_CHOICE_WORDS } from '../../../shared/desktop-words.ts';

export const enWhenDone = {
  whenDone: {
    button: (choice: string) => `When done: ${choice}`,
    menu: 'When everything is done',
    hint: 'What Ferry does once no transfer is running, queued or waiting to retry (paused and held ones do not count), after a 60 s countdown you can cancel. Once only, and not saved: a restart forgets it.',
    // The tray names them too: one list for both.
    choices: WHEN_DONE_CHOICE_WORDS.en,
    doing: { quit: 'quit', sleep: 'put the computer to sleep', shutdown: 'shut the computer down' },
    countdown: (doing: string, seconds: number) => `Everything is done: Ferry will ${doing} in ${seconds} s.`,
    cancel: 'Cancel',
    refused: (why: string) => `When done: ${why}`,
    problem: (why: string) => `Last time: ${why}`,
  },
};
