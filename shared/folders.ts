// Choosing a folder on the host: the desktop app asks the system's dialog (chooseFolder); the
// browser UI lists the host's folders in the page (listFolder, makeFolder), one folder at a time.

/** One folder's subfolders, as the browser UI's folder chooser shows them. */
export interface FolderListing {
  /** The folder listed, as a full path on the host. */
  path: string;
  /** Its parent folder, or null at the top. */
  parent: string | null;
  /** Its subfolders' names (never files), sorted; hidden ones (".name") only when asked for. */
  folders: string[];
  /** It has more subfolders than a listing carries: the first FOLDER_LISTING_MAX are given. */
  truncated: boolean;
}

export interface ListFolderOptions {
  /** Lists hidden folders too (names starting with a dot). */
  hidden?: boolean;
}

export const FOLDER_LISTING_MAX = 2000;
