// A file-type icon for the Name column, chosen by the name's extension (uploads get an arrow).
import { ArrowUp, File, FileArchive, FileAudio, FileCode, FileImage, FileText, FileVideo, Package, type LucideIcon } from 'lucide-react';

const KINDS: Array<[LucideIcon, string[]]> = [
  [FileVideo, ['mp4', 'mkv', 'avi', 'mov', 'webm', 'wmv', 'flv', 'm4v', 'mpg', 'mpeg', 'ts']],
  [FileAudio, ['mp3', 'flac', 'wav', 'ogg', 'opus', 'm4a', 'aac', 'wma']],
  [FileArchive, ['zip', 'rar', '7z', 'tar', 'gz', 'tgz', 'bz2', 'xz', 'zst', 'iso', 'img']],
  [FileText, ['pdf', 'doc', 'docx', 'odt', 'txt', 'rtf', 'md', 'epub', 'xls', 'xlsx', 'ods', 'csv', 'ppt', 'pptx', 'odp']],
  [FileImage, ['jpg', 'jpeg', 'png', 'gif', 'webp', 'svg', 'bmp', 'tif', 'tiff', 'heic', 'avif']],
  [Package, ['exe', 'msi', 'deb', 'rpm', 'dmg', 'pkg', 'appimage', 'apk', 'flatpak', 'snap']],
  [FileCode, ['json', 'xml', 'html', 'js', 'ts', 'py', 'sh', 'yaml', 'yml']],
];
const BY_EXTENSION = new Map(KINDS.flatMap(([icon, extensions]) => extensions.map((extension) => [extension, icon] as const)));

export function iconFor(name: string): LucideIcon {
  const dot = name.lastIndexOf('.');
  return (dot > 0 && BY_EXTENSION.get(name.slice(dot + 1).toLowerCase())) || File;
}

export function FileIcon({ name, upload }: { name: string; upload: boolean }) {
  const Icon = iconFor(name);
  return (
    <span className="file-icon" aria-hidden="true">
      <Icon size={16} strokeWidth={1.75} />
      {upload && <ArrowUp className="upload-badge" size={10} strokeWidth={3} />}
    </span>
  );
}
