// Throwaway credentials made at run time, so no secret-looking value is committed in a fixture.
import { randomBytes } from 'node:crypto';

export function throwawaySecret(prefix = ''): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}
