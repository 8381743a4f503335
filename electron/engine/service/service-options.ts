// What a TransferService is made with: its stores, and the host's parts (the network and power
// monitor, the system proxy, the clock, the group actions) that tests and each host supply.
import type { Settings } from '../../../shared/model.ts';
import type { EngineClock } from './clock.ts';
import type { GroupActionRunner } from '../groups/group-actions.ts';
import type { WhenDoneHost } from '../when-done/when-done.ts';
import type { NamedActions } from '../../../shared/named-actions.ts';
import type { ConditionsMonitor } from '../policy/conditions-monitor.ts';
import type { SystemProxyResolver } from '../proxy/proxy-server.ts';
import type { JobStore, SecretStore, Warn } from '../state/store.ts';

export interface TransferServiceOptions {
  store: JobStore;
  secrets: SecretStore;
  /** Overrides of the built-in defaults (saved settings win over these). */
  defaults?: Partial<Settings>;
  warn?: Warn;
  /** Resolve host names through these DNS servers instead of the system resolver. */
  dnsServers?: string[];
  /**
   * The system's proxy for a URL, where the host knows it better than the environment (the desktop
   * app: Electron's session.resolveProxy); default: HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY.
   */
  systemProxy?: SystemProxyResolver;
  maxLive?: number;
  /** How often progress checkpoints are written to the store. */
  persistIntervalMs?: number;
  /** The network and power as the host reads them (default: assumed online, unmetered, on AC); closed at shutdown. */
  monitor?: ConditionsMonitor;
  /** Where a file the browser UI staged is (the daemon's staging area); without it staged files are refused. */
  stagedFile?: (id: string) => string | null;
  /** The time for the limit schedule and the speed limits (tests turn one by hand). */
  clock?: EngineClock;
  /** Runs a completion group's actions (the hosts: move, run a program); without it a group with actions is refused. */
  groupActions?: GroupActionRunner;
  /**
   * The host's named actions (its actions file, read at each call so an edit applies at once);
   * throws what is wrong with the file. Without it a group cannot pick an action by name.
   */
  namedActions?: () => NamedActions;
  /** What the host does when everything is done (quit, sleep, shut down); without it only 'nothing' is taken. */
  whenDone?: WhenDoneHost;
}
