// How Browse… chooses a folder on this host: the desktop app opens the system's dialog; the
// browser UI lists the daemon's folders in the page (FolderChooser), since a browser's own picker
// shows the browser's machine and hides the path.
import type { FerryBridge } from '../../../shared/api.ts';
import type { HostInfo } from '../../../shared/model.ts';

export type FolderWay =
  | { kind: 'dialog'; choose(start: string | null): Promise<string | null> }
  | { kind: 'page'; folders: Pick<FerryBridge, 'listFolder' | 'makeFolder'> };

export function folderWay(bridge: Pick<FerryBridge, 'chooseFolder' | 'listFolder' | 'makeFolder'>, host: HostInfo | null): FolderWay {
  if (host?.folderDialog) return { kind: 'dialog', choose: (start) => bridge.chooseFolder(start) };
  return { kind: 'page', folders: bridge };
}
