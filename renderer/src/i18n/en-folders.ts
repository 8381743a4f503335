// The English words of Browse… and the browser UI's folder chooser, spread into the catalog by en.ts.
import { count } from './format.ts';

export const enFolders = {
  folders: {
    browse: 'Browse…',
    chooser: 'Choose a folder',
    path: 'Path to open',
    go: 'Go',
    up: 'Up',
    upLabel: 'Up to the folder above',
    list: (path: string) => `Folders in ${path}`,
    open: (name: string) => `Open ${name}`,
    empty: 'No folders here.',
    reading: 'Reading…',
    truncated: (n: number) => `Only the first ${count(n)} folders are shown: type the path of the one you want.`,
    hidden: 'Show hidden folders',
    newFolder: 'New folder',
    newName: 'Name of the new folder',
    make: 'Make it',
    choose: 'Choose this folder',
    cancel: 'Cancel',
  },
};
