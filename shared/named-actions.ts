// Named post-processing programs from a file of the user's own on the host's disk (the daemon's
// <home>/actions.json, the desktop app's in its user data folder), which Ferry only reads:
//   {"actions": {"unpack": {"program": "/usr/bin/unar", "args": ["-q"]}}}
// A browser page (never allowed to name a program) may pick one of them by name for a group.
import * as z from 'zod/mini';
import { onFirstUse } from './on-first-use.ts';
import './zod-messages.ts';

export const ACTIONS_FILE = 'actions.json';
export const ActionNameSchema = onFirstUse(() => z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'an action name is letters, digits, ".", "_" and "-" (at most 64, starting with a letter or digit)')));

const NamedActionSchema = onFirstUse(() => z.strictObject({
  program: z.string().check(z.minLength(1, 'the program is empty'), z.maxLength(4096), z.refine((p) => !p.includes('\0'), 'no NUL in the program')),
  args: z.optional(z.array(z.string().check(z.maxLength(8192), z.refine((a) => !a.includes('\0'), 'no NUL in an argument'))).check(z.maxLength(255))),
  /** What it does, in the user's words: the one thing a browser page is shown besides its name. */
  description: z.optional(z.string().check(z.maxLength(200, 'a description is at most 200 characters'))),
}));

export const ActionsFileSchema = onFirstUse(() => z.strictObject({
  actions: z.record(ActionNameSchema, NamedActionSchema),
}));

export type NamedAction = z.infer<typeof NamedActionSchema>;

/**
 * What the UI is told of the named actions (listNamedActions): each name and the user's own
 * description, never the program or its arguments (a browser page may be told this, and a
 * program's words can carry a password or a token).
 */
export interface NamedActionList {
  actions: { name: string; description: string | null }[];
  /** Why the file cannot be used (it names the file and the place in it), or null. */
  problem: string | null;
}
export type NamedActions = Record<string, NamedAction>;

/** The file's actions, or an Error naming the file, where in it and what is wrong. */
export function parseActionsFile(text: string, file: string): NamedActions {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = ActionsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.map(String).join('.') : 'the file';
    // A bad name: zod says "Invalid key in record"; the name's own rule says what is wrong.
    if (issue.code === 'invalid_key') throw new Error(`${file}: ${where}: ${issue.issues[0]?.message ?? issue.message}`);
    if (issue.path.length === 1 && issue.path[0] === 'actions' && issue.code === 'invalid_type') throw new Error(`${file}: the file is {"actions": {"NAME": {"program": "...", "args": [...]}}}; "actions" is missing or not an object`);
    throw new Error(`${file}: ${where}: ${issue.message}`);
  }
  return parsed.data.actions;
}
