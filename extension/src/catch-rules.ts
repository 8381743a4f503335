// Which downloads the extension hands to Ferry: the options page's rules, and the decision for one
// download. Pure (no browser API), so the rules are tested as they are.
import { FILE_TYPES } from './file-types.ts';

export interface CatchSettings {
  /** Hand downloads over at all. */
  enabled: boolean;
  /** File extensions (lowercase, no dot) always handed over. */
  extensions: string[];
  /** Anything at least this large (MB, SI) is handed over whatever its type; 0: size alone never is. */
  minSizeMB: number;
  /** Hosts (and their subdomains) whose downloads the browser keeps. */
  excludedHosts: string[];
}

export const DEFAULT_SETTINGS: CatchSettings = {
  enabled: true,
  extensions: [...FILE_TYPES.archives, ...FILE_TYPES.diskImages, ...FILE_TYPES.installers, ...FILE_TYPES.media],
  minSizeMB: 5,
  excludedHosts: [],
};

/** What the browser tells about a download it started. */
export interface DownloadFacts {
  url: string;
  finalUrl?: string | undefined;
  /** The file name (or path) the browser would save it under. */
  filename?: string | undefined;
  mime?: string | undefined;
  /** Bytes, or 0 / -1 when unknown. */
  totalBytes?: number | undefined;
  fileSize?: number | undefined;
  incognito?: boolean | undefined;
}

export type CatchDecision = { take: true } | { take: false; why: 'disabled' | 'scheme' | 'incognito' | 'excluded' | 'bypassed' | 'not-matched' };

const MEDIA_MIME = /^(video|audio)\//;
const TYPE_MIME = new Set(['application/zip', 'application/x-7z-compressed', 'application/vnd.rar', 'application/x-rar-compressed', 'application/x-iso9660-image', 'application/x-apple-diskimage', 'application/x-msdownload', 'application/x-msi', 'application/vnd.debian.binary-package', 'application/x-rpm', 'application/gzip', 'application/x-xz', 'application/x-tar', 'application/vnd.android.package-archive']);

/** The extension of the last part of a name or URL path, lowercase ("" if none). */
export function extensionOf(nameOrUrl: string): string {
  let last = nameOrUrl;
  try {
    last = new URL(nameOrUrl).pathname;
  } catch {
    // a plain name or path
  }
  const base = last.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** A host matches an excluded one when it is it or one of its subdomains. */
export function hostExcluded(host: string, excluded: readonly string[]): boolean {
  return excluded.some((entry) => {
    const e = entry.trim().toLowerCase().replace(/^\*?\./, '');
    return e !== '' && (host === e || host.endsWith(`.${e}`));
  });
}

export function decide(facts: DownloadFacts, settings: CatchSettings, bypassed = false): CatchDecision {
  if (!settings.enabled) return { take: false, why: 'disabled' };
  const url = facts.finalUrl || facts.url;
  // blob:, data:, file: and the like are the browser's own: Ferry cannot fetch them.
  if (!/^(https?|ftps?):/i.test(url)) return { take: false, why: 'scheme' };
  if (facts.incognito) return { take: false, why: 'incognito' };
  if (bypassed) return { take: false, why: 'bypassed' };
  const hosts = [hostOf(url), hostOf(facts.url)].filter((h): h is string => h !== null);
  if (hosts.some((h) => hostExcluded(h, settings.excludedHosts))) return { take: false, why: 'excluded' };
  const wanted = new Set(settings.extensions.map((e) => e.trim().toLowerCase().replace(/^\./, '')));
  const ext = extensionOf(facts.filename || '') || extensionOf(url);
  if (ext && wanted.has(ext)) return { take: true };
  const mime = (facts.mime ?? '').toLowerCase();
  if (MEDIA_MIME.test(mime) && ['mp4', 'mp3', 'webm'].some((e) => wanted.has(e))) return { take: true };
  if (TYPE_MIME.has(mime) && wanted.size > 0) return { take: true };
  const size = Math.max(facts.totalBytes ?? 0, facts.fileSize ?? 0);
  if (settings.minSizeMB > 0 && size >= settings.minSizeMB * 1_000_000) return { take: true };
  return { take: false, why: 'not-matched' };
}

/** Settings as stored, with anything missing or of the wrong kind taken from the defaults. */
export function settingsFrom(stored: unknown): CatchSettings {
  const s = (stored ?? {}) as Partial<Record<keyof CatchSettings, unknown>>;
  const strings = (v: unknown, fallback: string[]): string[] => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : fallback);
  return {
    enabled: typeof s.enabled === 'boolean' ? s.enabled : DEFAULT_SETTINGS.enabled,
    extensions: strings(s.extensions, DEFAULT_SETTINGS.extensions),
    minSizeMB: typeof s.minSizeMB === 'number' && Number.isFinite(s.minSizeMB) && s.minSizeMB >= 0 ? s.minSizeMB : DEFAULT_SETTINGS.minSizeMB,
    excludedHosts: strings(s.excludedHosts, DEFAULT_SETTINGS.excludedHosts),
  };
}

/** A list typed in the options page: split at commas, spaces and new lines. */
export function listFromText(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}
