// Categories by file type, as IDM and AB Download Manager sort downloads: each an extension list
// (editable in Settings) and an optional folder a download without one of its own goes to. A name
// that fits none is "other".
import * as z from 'zod/mini';
import { onFirstUse } from './on-first-use.ts';

export const CATEGORY_IDS = ['video', 'audio', 'compressed', 'documents', 'programs', 'images'] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number] | 'other';

export interface CategorySetting {
  /** Lowercase, without the dot ("mp4"); a double one ("tar.gz") matches the name's end. */
  extensions: string[];
  /** Where a download of this kind goes when it was given no folder; null: the download folder. */
  folder: string | null;
}
export type Categories = Record<(typeof CATEGORY_IDS)[number], CategorySetting>;

export const DEFAULT_CATEGORIES: Categories = {
  video: { extensions: ['mp4', 'mkv', 'webm', 'avi', 'mov', 'm4v', 'wmv', 'flv', 'mpg', 'mpeg', 'ts', '3gp'], folder: null },
  audio: { extensions: ['mp3', 'flac', 'ogg', 'opus', 'm4a', 'aac', 'wav', 'wma', 'aiff'], folder: null },
  compressed: { extensions: ['zip', '7z', 'rar', 'tar', 'gz', 'tgz', 'bz2', 'xz', 'zst', 'tar.gz', 'tar.xz', 'tar.bz2', 'tar.zst', 'iso', 'img', 'dmg'], folder: null },
  documents: { extensions: ['pdf', 'epub', 'doc', 'docx', 'odt', 'rtf', 'txt', 'md', 'xls', 'xlsx', 'ods', 'csv', 'ppt', 'pptx', 'odp'], folder: null },
  programs: { extensions: ['exe', 'msi', 'msix', 'deb', 'rpm', 'appimage', 'apk', 'pkg', 'flatpakref', 'snap', 'jar', 'sh', 'run'], folder: null },
  images: { extensions: ['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'heic', 'svg', 'bmp', 'tif', 'tiff', 'raw', 'cr2', 'nef'], folder: null },
};

const ExtensionSchema = onFirstUse(() => z.string().check(z.regex(/^[a-z0-9]+(\.[a-z0-9]+)*$/, 'an extension is letters and digits without the leading dot, e.g. mp4 or tar.gz')));
const CategorySettingSchema = onFirstUse(() => z.strictObject({
  extensions: z.array(ExtensionSchema).check(z.maxLength(200)),
  folder: z.nullable(z.string().check(z.minLength(1), z.maxLength(4096))),
}));
export const CategoriesSchema = onFirstUse(() => z.strictObject(Object.fromEntries(CATEGORY_IDS.map((id) => [id, CategorySettingSchema])) as Record<(typeof CATEGORY_IDS)[number], typeof CategorySettingSchema>));

/** The category a file name falls in: the longest matching extension wins ("x.tar.gz" over "gz"). */
export function categoryOf(name: string, categories: Categories): CategoryId {
  const lower = name.toLowerCase();
  let best: { id: CategoryId; length: number } = { id: 'other', length: 0 };
  for (const id of CATEGORY_IDS) {
    for (const extension of categories[id].extensions) {
      if (extension.length > best.length && lower.endsWith(`.${extension}`) && lower.length > extension.length + 1) best = { id, length: extension.length };
    }
  }
  return best.id;
}
