// The URL schemes Ferry downloads, by protocol: the engine's protocol descriptors take theirs from
// here (protocols/registry.ts serves each with its source) and the UI checks typed URLs against
// them all, so a new protocol is known everywhere at once.
export const DOWNLOAD_SCHEMES_OF = {
  http: ['http:', 'https:'],
  ftp: ['ftp:', 'ftps:'],
} as const satisfies Record<string, readonly string[]>;

export const DOWNLOAD_SCHEMES: readonly string[] = Object.values(DOWNLOAD_SCHEMES_OF).flat();

/** "http, https, ftp and ftps": the schemes as a sentence names them. */
export function schemesInWords(schemes: readonly string[]): string {
  const names = schemes.map((scheme) => scheme.replace(/:$/, ''));
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
