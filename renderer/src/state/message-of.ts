// A failed call in a sentence for the page: the host's message, capitalised.
import { RemoteError } from '../../../shared/api-proxy.ts';

export function messageOf(error: unknown): string {
  if (error instanceof RemoteError) return error.info.message.charAt(0).toUpperCase() + error.info.message.slice(1);
  return error instanceof Error ? error.message : String(error);
}
