// What a drop on the window means: files to upload, or links to download.
export type DropIntent = { kind: 'files'; files: File[] } | { kind: 'links'; urls: string[] } | null;

export function dropIntent(data: DataTransfer | null): DropIntent {
  if (!data) return null;
  const files = Array.from(data.files ?? []);
  if (files.length > 0) return { kind: 'files', files };
  const text = data.getData('text/uri-list') || data.getData('text/plain');
  const urls = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && /^https?:\/\//i.test(l));
  return urls.length > 0 ? { kind: 'links', urls } : null;
}
