// A file-type icon for the Name column, chosen by the name's extension (uploads get an arrow).
import { SheetIcon, type IconName } from './IconSheet.tsx';

const KINDS: Array<[IconName, string[]]> = [
  ['fileVideo', ['mp4', 'mkv', 'avi', 'mov', 'webm', 'wmv', 'flv', 'm4v', 'mpg', 'mpeg', 'ts']],
  ['fileAudio', ['mp3', 'flac', 'wav', 'ogg', 'opus', 'm4a', 'aac', 'wma']],
  ['fileArchive', ['zip', 'rar', '7z', 'tar', 'gz', 'tgz', 'bz2', 'xz', 'zst', 'iso', 'img']],
  ['fileText', ['pdf', 'doc', 'docx', 'odt', 'txt', 'rtf', 'md', 'epub', 'xls', 'xlsx', 'ods', 'csv', 'ppt', 'pptx', 'odp']],
  ['fileImage', ['jpg', 'jpeg', 'png', 'gif', 'webp', 'svg', 'bmp', 'tif', 'tiff', 'heic', 'avif']],
  ['package', ['exe', 'msi', 'deb', 'rpm', 'dmg', 'pkg', 'appimage', 'apk', 'flatpak', 'snap']],
  ['fileCode', ['json', 'xml', 'html', 'js', 'ts', 'py', 'sh', 'yaml', 'yml']],
];
const BY_EXTENSION = new Map(KINDS.flatMap(([icon, extensions]) => extensions.map((extension) => [extension, icon] as const)));

export function iconFor(name: string): IconName {
  const dot = name.lastIndexOf('.');
  return (dot > 0 && BY_EXTENSION.get(name.slice(dot + 1).toLowerCase())) || 'file';
}

export function FileIcon({ name, upload }: { name: string; upload: boolean }) {
  return (
    <span className="file-icon" aria-hidden="true">
      <SheetIcon name={iconFor(name)} size={16} />
      {upload && (
        <span className="upload-badge">
          <SheetIcon name="uploadBadge" size={10} />
        </span>
      )}
    </span>
  );
}
