// Browse… asks the host the way it can answer: the desktop app's dialog, else the page's listing.
import { describe, expect, it } from 'vitest';
import { folderWay } from '../../renderer/src/bridge/folder-way.ts';
import type { HostInfo } from '../../shared/model.ts';
import type { FolderListing } from '../../shared/folders.ts';

const calls: string[] = [];
const bridge = {
  chooseFolder: async (start: string | null) => (calls.push(`dialog at ${start}`), '/picked'),
  listFolder: async (dir: string | null): Promise<FolderListing> => (calls.push(`list ${dir}`), { path: dir ?? '/', parent: null, folders: [], truncated: false }),
  makeFolder: async (): Promise<FolderListing> => ({ path: '/', parent: null, folders: [], truncated: false }),
};
const host = (folderDialog: boolean): HostInfo => ({ kind: folderDialog ? 'electron' : 'daemon', owner: folderDialog ? 'desktop' : 'daemon', version: 't', canOpenFiles: folderDialog, fileLinks: !folderDialog, folderDialog, streams: folderDialog ? 'app' : 'tab' });

describe('folderWay', () => {
  it("takes the system's dialog where the host has one, and the page's listing elsewhere (or before the host is known)", async () => {
    const desktop = folderWay(bridge, host(true));
    expect(desktop.kind).toBe('dialog');
    if (desktop.kind === 'dialog') expect(await desktop.choose('/srv')).toBe('/picked');
    const daemon = folderWay(bridge, host(false));
    expect(daemon.kind).toBe('page');
    if (daemon.kind === 'page') await daemon.folders.listFolder('/home');
    expect(folderWay(bridge, null).kind).toBe('page');
    expect(calls).toEqual(['dialog at /srv', 'list /home']);
  });
});
