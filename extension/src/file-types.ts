// The kinds of file the extension knows by extension: the catch rules' defaults are made of them,
// and "Download all links with Ferry" filters its list by them.

export const FILE_TYPES = {
  archives: ['zip', '7z', 'rar', 'tar', 'gz', 'tgz', 'bz2', 'xz', 'zst'],
  diskImages: ['iso', 'img', 'dmg', 'vhd', 'vmdk', 'qcow2'],
  installers: ['exe', 'msi', 'msix', 'deb', 'rpm', 'appimage', 'apk', 'pkg', 'flatpak', 'snap'],
  media: ['mp4', 'mkv', 'avi', 'mov', 'webm', 'm4v', 'mp3', 'flac', 'm4a', 'ogg', 'opus', 'wav'],
  // Not caught by default (a PDF opens in the browser), but worth a batch of links.
  documents: ['pdf', 'epub', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'csv', 'ppt', 'pptx', 'odp'],
} as const;

export type FileType = keyof typeof FILE_TYPES;
export const FILE_TYPE_IDS = Object.keys(FILE_TYPES) as FileType[];

/** The kind of a file by its (lowercase) extension, or null for any other. */
export function fileTypeOf(extension: string): FileType | null {
  return FILE_TYPE_IDS.find((type) => (FILE_TYPES[type] as readonly string[]).includes(extension)) ?? null;
}
