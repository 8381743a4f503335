// Turns what zod rejected into the sentence a person reads: the first problem and where it is.
import type * as z from 'zod/mini';

export function firstIssue(error: z.core.$ZodError, fallback: string): { message: string; path: readonly PropertyKey[] } {
  const issue = error.issues[0];
  if (!issue) return { message: fallback, path: [] };
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return { message: `${where}${issue.message}`, path: issue.path };
}
