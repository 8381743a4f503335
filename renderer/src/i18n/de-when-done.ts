// The German words of "when everything is done", spread into the German catalog by de.ts (the same
// keys as en-when-done.ts: the type makes a missing or extra one an error).
import type { enWhenDone } from './en-when-done.ts';
import { WHEN_DONE_CHOICE_WORDS } from '../../../shared/desktop-words.ts';

export const deWhenDone: typeof enWhenDone = {
  whenDone: {
    button: (choice: string) => `Wenn fertig: ${choice}`,
    menu: 'Wenn alles fertig ist',
    hint: 'Was Ferry tut, sobald keine Übertragung mehr läuft, wartet oder auf einen neuen Versuch wartet (angehaltene und zurückgehaltene zählen nicht), nach 60 s Countdown, den Sie abbrechen können. Nur einmal und nicht gespeichert: Ein Neustart vergisst es.',
    choices: WHEN_DONE_CHOICE_WORDS.de,
    doing: { quit: 'sich beenden', sleep: 'den Computer in den Ruhezustand versetzen', shutdown: 'den Computer herunterfahren' },
    countdown: (doing: string, seconds: number) => `Alles ist fertig: In ${seconds} s wird Ferry ${doing}.`,
    cancel: 'Abbrechen',
    refused: (why: string) => `Wenn fertig: ${why}`,
    problem: (why: string) => `Zuletzt: ${why}`,
  },
};
