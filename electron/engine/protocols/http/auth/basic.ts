// Basic authentication (RFC 7617): the name and password, base64, in every request.
import type { Credential } from '../http-client.ts';

/** The Authorization header of a Basic login. */
export function basicAuthorization(credential: Credential): string {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
}
