// Which request headers hold secrets: kept out of the main store, listings and logs, blanked from
// the visible command line, and dropped on a redirect to another origin.
export function isSecretHeader(name: string): boolean {
  return /^(authorization|proxy-authorization|cookie)$/i.test(name) || /token|secret|key|auth|passw/i.test(name);
}
