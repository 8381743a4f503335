// The German words of completion groups, spread into the German catalog by de.ts (the same keys as
// en-groups.ts: the type makes a missing or extra one an error).
import type { enGroups } from './en-groups.ts';
import { count } from './format.ts';

export const deGroups: typeof enGroups = {
  groups: {
    label: 'Gruppe',
    open: (name, members) => `${name}: offen, bisher ${members === 1 ? '1 Übertragung' : `${count(members)} Übertragungen`}`,
    waiting: (name, finished, members) => `${name}: vollständig, ${count(finished)} von ${count(members)} beendet`,
    running: (name) => `${name}: die Aktionen laufen`,
    done: (name, when) => `${name}: die Aktionen liefen am ${when}`,
    doneNothing: (name, when) => `${name}: alle beendet am ${when}`,
    whenDone: 'Wenn alle beendet sind',
    runsOnly: (windows) => `Ihre Übertragungen laufen nur ${windows} (und wenn die Zeitfenster in den Einstellungen es erlauben)`,
    move: (dir) => `die Dateien nach ${dir} verschieben`,
    run: (program) => `${program} ausführen`,
    runAction: (name, program) => `die Aktion ${name} ausführen (${program})`,
    openFolder: 'den Ordner öffnen',
    notify: 'benachrichtigen',
    noticeTitle: (group) => `Gruppe ${group} ist fertig`,
    and: '; dann ',
    outcomeOk: (message) => `Erledigt: ${message}`,
    outcomeFailed: (message) => `Fehlgeschlagen: ${message}`,
    again: 'Erneut ausgeführt: Ferry wurde beendet, während sie liefen.',
    truncated: '(nur die ersten 64 KiB der Ausgabe werden behalten)',
  },
};
