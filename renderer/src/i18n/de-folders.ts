// The German words of Browse… and the browser UI's folder chooser, spread into the catalog by de.ts;
// the same keys as en-folders.ts.
import type { enFolders } from './en-folders.ts';
import { count } from './format.ts';

export const deFolders: typeof enFolders = {
  folders: {
    browse: 'Durchsuchen…',
    chooser: 'Ordner wählen',
    path: 'Zu öffnender Pfad',
    go: 'Öffnen',
    up: 'Nach oben',
    upLabel: 'Zum übergeordneten Ordner',
    list: (path: string) => `Ordner in ${path}`,
    open: (name: string) => `${name} öffnen`,
    empty: 'Hier sind keine Ordner.',
    reading: 'Wird gelesen…',
    truncated: (n: number) => `Nur die ersten ${count(n)} Ordner werden gezeigt: Geben Sie den Pfad des gesuchten ein.`,
    hidden: 'Versteckte Ordner zeigen',
    newFolder: 'Neuer Ordner',
    newName: 'Name des neuen Ordners',
    make: 'Anlegen',
    choose: 'Diesen Ordner wählen',
    cancel: 'Abbrechen',
  },
};
