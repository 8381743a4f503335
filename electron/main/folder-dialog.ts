// Browse… in the desktop app: the system's folder dialog, through Electron's dialog module (given
// by main.ts, so tests give their own), over Ferry's window when there is one.
import type { OpenDialogOptions, OpenDialogReturnValue } from 'electron';

/** Electron's dialog.showOpenDialog, bound to Ferry's window (or none). */
export type ShowOpenDialog = (options: OpenDialogOptions) => Promise<OpenDialogReturnValue>;

/** The folder chosen, starting at `start` (or the system's choice), or null when the dialog was closed. */
export async function chooseFolder(showOpenDialog: ShowOpenDialog, start: string | null): Promise<string | null> {
  const answer = await showOpenDialog({
    properties: ['openDirectory', 'createDirectory'],
    ...(start?.trim() ? { defaultPath: start } : {}),
  });
  return answer.canceled ? null : (answer.filePaths[0] ?? null);
}
