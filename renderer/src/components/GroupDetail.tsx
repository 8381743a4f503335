// A transfer's completion group in the details: where the group is (open, all in, running, ran),
// what it does when all have finished, and what its actions did (with the program's output).
// The host's list of groups is read when the details open and follows its groupsChanged events.
import { useEffect, useState } from 'react';
import { FINAL_STATES, type GroupInfo } from '../../../shared/model.ts';
import { useFerry } from '../state/context.tsx';
import { t } from '../i18n/catalog.ts';
import { dateAndTime } from '../i18n/format.ts';
import { ruleText } from '../state/limits.ts';

/** Where the group is, in a sentence. */
export function groupStateWords(g: GroupInfo): string {
  if (g.running) return t.groups.running(g.name);
  if (g.firedAt) return g.onComplete ? t.groups.done(g.name, dateAndTime(g.firedAt)) : t.groups.doneNothing(g.name, dateAndTime(g.firedAt));
  if (g.closed) return t.groups.waiting(g.name, g.members.filter((m) => FINAL_STATES.includes(m.state)).length, g.members.length);
  return t.groups.open(g.name, g.members.length);
}

/** What the group does when all have finished, or null. */
export function groupActionWords(g: GroupInfo): string | null {
  const parts = [
    g.onComplete?.moveTo ? t.groups.move(g.onComplete.moveTo) : null,
    programWords(g.onComplete),
    g.onComplete?.openFolder ? t.groups.openFolder : null,
    g.onComplete?.notify ? t.groups.notify : null,
  ].filter((p) => p !== null);
  return parts.length ? parts.join(t.groups.and) : null;
}

/** The program it runs: its words where the host shows them (the desktop window), else that one is set. */
function programWords(actions: GroupInfo['onComplete']): string | null {
  if (actions?.run) return actions.action ? t.groups.runAction(actions.action, actions.run.join(' ')) : t.groups.run(actions.run.join(' '));
  if (actions?.programHidden) return actions.action ? t.groups.runActionUnseen(actions.action) : t.groups.runUnseen;
  return null;
}

/** When the group's own time windows let its members run, or null (whenever the settings' do). */
export function groupWindowWords(g: GroupInfo): string | null {
  return g.runWindows.length ? t.groups.runsOnly(g.runWindows.map(ruleText).join('; ')) : null;
}

export function useGroup(name: string): GroupInfo | null {
  const bridge = useFerry((s) => s.groups);
  const [group, setGroup] = useState<GroupInfo | null>(null);
  useEffect(() => {
    let live = true;
    void bridge
      .listGroups()
      .then((all) => live && setGroup(all.find((g) => g.name === name) ?? null))
      .catch(() => undefined);
    const off = bridge.on('groupsChanged', (changed) => {
      const mine = changed.find((g) => g.name === name);
      if (mine && live) setGroup(mine);
    });
    return () => {
      live = false;
      off();
    };
  }, [bridge, name]);
  return group;
}

export function GroupDetail({ name }: { name: string }) {
  const group = useGroup(name);
  if (!group) return null;
  const actions = groupActionWords(group);
  const windows = groupWindowWords(group);
  const last = group.history.at(-1);
  return (
    <div className="detail">
      <dt>{t.groups.label}</dt>
      <dd>
        <p role="status">{groupStateWords(group)}</p>
        {windows && <p>{windows}</p>}
        {actions && <p>{`${t.groups.whenDone}: ${actions}`}</p>}
        {last?.rerun && <p>{t.groups.again}</p>}
        {last?.outcomes.map((o, index) => (
          <div key={index} className="group-outcome">
            <p>{o.ok ? t.groups.outcomeOk(o.message) : t.groups.outcomeFailed(o.message)}</p>
            {o.output && <pre className="response">{`${o.output.slice(0, 2000)}${o.output.length > 2000 ? '\n…' : ''}`}</pre>}
            {o.truncated && <p>{t.groups.truncated}</p>}
          </div>
        ))}
      </dd>
    </div>
  );
}
