// What a browser page is shown of the host's answers and events: all of it but the words of the
// program a group runs (they can carry a password or a token, and a logged-in page must not learn
// them); it is told that a program is set, and the named action's name when one was picked. The
// desktop window and the CLI see the program.
import type { FerryEvents } from '../../../shared/api.ts';
import type { GroupInfo } from '../../../shared/model.ts';

export function groupForBrowser(group: GroupInfo): GroupInfo {
  const actions = group.onComplete;
  if (!actions?.run) return group;
  // What ran says "<program> exited with 0" (never its arguments): the program is named in words.
  const program = actions.run[0]!;
  const history = group.history.map((firing) => ({
    ...firing,
    outcomes: firing.outcomes.map((o) => (o.action === 'run' ? { ...o, message: o.message.split(program).join('the program') } : o)),
  }));
  return { ...group, onComplete: { ...actions, run: null, programHidden: true }, history };
}

/** The answer to `method` (or the event of that name) as a browser page gets it. */
export function browserView(method: string, value: unknown): unknown {
  switch (method) {
    case 'listGroups':
    case 'groupsChanged':
      return (value as FerryEvents['groupsChanged']).map(groupForBrowser);
    case 'createGroup':
    case 'closeGroup':
    case 'setGroupWindows':
      return groupForBrowser(value as GroupInfo);
    default:
      return value;
  }
}
