// The named actions a group may pick (the host's actions.json: names and the user's descriptions,
// never a program), read when a form that offers them opens.
import { useEffect, useState } from 'react';
import type { NamedActionList } from '../../../shared/named-actions.ts';
import { useFerry } from '../state/context.tsx';
import { messageOf } from '../state/message-of.ts';

export function useNamedActions(): NamedActionList {
  const bridge = useFerry((s) => s.groups);
  const [list, setList] = useState<NamedActionList>({ actions: [], problem: null });
  useEffect(() => {
    let live = true;
    // A bridge without the call (an older host) throws at once: said like a refusal, never a broken page.
    Promise.resolve()
      .then(() => bridge.listNamedActions())
      .then((answer) => live && setList(answer))
      .catch((error: unknown) => live && setList({ actions: [], problem: messageOf(error) }));
    return () => {
      live = false;
    };
  }, [bridge]);
  return list;
}
