// A URL's password never appears in a message, a log or the process list: it is shown as
// "bob:***@", whether the URL is valid or not (an invalid one is quoted back as it was typed).

const HIDDEN = '***';
/** scheme://authority, the authority ending where WHATWG's parser ends it (/, ?, #, \) or at a space or quote. */
const WITH_AUTHORITY = /\b([a-z][a-z0-9+.-]*:\/\/)([^/?#\\\s"'<>]*)/gi;
/** name:password@host with no scheme (what was meant as one, though it reads as "name:" URL). */
const SCHEMELESS = /(^|[\s"'(<])([^\s"'(<:/@]+):([^\s"'/@]+)@/g;

/** `text` with the password of every URL in it shown as *** (the user name stays). */
export function hideUrlPassword(text: string): string {
  const masked = text.replace(WITH_AUTHORITY, (whole: string, scheme: string, authority: string) => {
    const at = authority.lastIndexOf('@');
    const colon = authority.indexOf(':');
    if (at < 0 || colon < 0 || colon > at) return whole;
    return `${scheme}${authority.slice(0, colon)}:${HIDDEN}${authority.slice(at)}`;
  });
  return masked.replace(SCHEMELESS, (whole: string, before: string, name: string, password: string) => (password === HIDDEN ? whole : `${before}${name}:${HIDDEN}@`));
}
