// The English words of completion groups in the details (a transfer's group: where it is, what it
// does when all have finished, what ran), spread into the catalog by en.ts.
import { count } from './format.ts';

export const enGroups = {
  groups: {
    label: 'Group',
    open: (name: string, members: number) => `${name}: open, ${members === 1 ? '1 transfer' : `${count(members)} transfers`} so far`,
    waiting: (name: string, finished: number, members: number) => `${name}: all in, ${count(finished)} of ${count(members)} finished`,
    running: (name: string) => `${name}: its actions are running`,
    done: (name: string, when: string) => `${name}: its actions ran at ${when}`,
    doneNothing: (name: string, when: string) => `${name}: all finished at ${when}`,
    whenDone: 'When all have finished',
    runsOnly: (windows: string) => `Its transfers run only ${windows} (and when the time windows in Settings allow)`,
    move: (dir: string) => `move the files into ${dir}`,
    run: (program: string) => `run ${program}`,
    runAction: (name: string, program: string) => `run the action ${name} (${program})`,
    openFolder: 'open the folder',
    notify: 'notify',
    noticeTitle: (group: string) => `Group ${group} finished`,
    and: '; then ',
    outcomeOk: (message: string) => `Done: ${message}`,
    outcomeFailed: (message: string) => `Did not work: ${message}`,
    again: 'Ran again: Ferry had stopped while they ran.',
    truncated: '(only the first 64 KiB of the output are kept)',
  },
};
