// A host's "when everything is done": quit is the host's own (the daemon stops cleanly, the
// desktop app quits; both save the state first), sleep and shut down go through the power service
// where it knows a command for this OS.
import type { WhenDoneAction } from '../../../shared/when-done.ts';
import type { PowerService } from './power.ts';
import type { WhenDoneHost } from './when-done.ts';

export function whenDoneHost(power: PowerService, quit: () => void): WhenDoneHost {
  const available: WhenDoneAction[] = ['quit'];
  if (power.supports('sleep')) available.push('sleep');
  if (power.supports('shutdown')) available.push('shutdown');
  return {
    available,
    act: async (action) => {
      if (action === 'quit') quit();
      else await power.run(action);
    },
  };
}
