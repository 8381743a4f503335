// The service's settings and groups commands (settings, completion groups, their windows, when
// everything is done), on TransferCore; TransferService adds the transfers' own commands.
import type { GroupInfo, Settings, WeeklySpan } from '../../../shared/model.ts';
import { GroupRequestSchema, RunWindowsSchema, type GroupRequest, type SettingsPatch } from '../../../shared/schemas.ts';
import type { WhenDoneChoice, WhenDoneStatus } from '../../../shared/when-done.ts';
import { pacSettingsProblem } from '../../../shared/proxy-url.ts';
import { TransferError } from '../errors/transfer-error.ts';
import { firstIssue } from '../intake/validation.ts';
import { folderProblem } from '../intake/folder-check.ts';
import { newGroup } from '../groups/group-book.ts';
import { checkedActions } from '../groups/checked-actions.ts';
import { applySettingsPatch } from './settings.ts';
import { ACTIONS_FILE, type NamedActionList } from '../../../shared/named-actions.ts';
import { TransferCore } from './transfer-core.ts';

export class SettingsAndGroups extends TransferCore {
  async getSettings(): Promise<Settings> {
    return { ...this.settings };
  }

  /** Whether a folder can hold downloads (Settings warns as the user types); null when it can. */
  async checkFolder(dir: string): Promise<string | null> {
    return folderProblem(dir);
  }

  async setSettings(patch: SettingsPatch): Promise<Settings> {
    if (patch.downloadDir !== undefined) {
      const problem = folderProblem(patch.downloadDir);
      if (problem) throw new TransferError('FileAccessDenied', `the download folder cannot be ${patch.downloadDir}: ${problem}`);
    }
    const before = { saved: this.savedSettings, settings: this.settings };
    const saved = applySettingsPatch(this.savedSettings, patch);
    const pacProblem = pacSettingsProblem({ ...this.settings, ...saved });
    if (pacProblem) throw new TransferError('InvalidArgument', pacProblem);
    this.savedSettings = saved;
    this.settings = { ...this.settings, ...this.savedSettings };
    this.limits.apply(this.settings);
    this.state.now();
    await this.saved(() => {
      this.savedSettings = before.saved;
      this.settings = before.settings;
      this.limits.apply(this.settings);
    });
    // A PAC address given again loads the script again (the user may have just changed it).
    if (patch.pacUrl !== undefined || patch.proxy !== undefined) this.pac.close();
    this.schedule();
    this.events.emit('settingsChanged', { ...this.settings });
    if (patch.networkCost !== undefined) this.events.emit('conditionsChanged', this.conditions());
    return { ...this.settings };
  }

  /** Makes a group, or changes one whose actions have not run (its members stay; a closed one stays closed). */
  async createGroup(request: GroupRequest): Promise<GroupInfo> {
    this.assertOpen();
    const parsed = GroupRequestSchema.safeParse(request);
    if (!parsed.success) throw new TransferError('InvalidArgument', firstIssue(parsed.error, 'invalid group').message);
    const { name, behavior, onComplete } = parsed.data;
    const refusal = this.groups.book.editRefusal(name);
    if (refusal) throw new TransferError('InvalidArgument', refusal);
    const before = this.groups.book.get(name);
    const actions = onComplete ? checkedActions(onComplete, this.options.groupActions, this.options.namedActions, before?.onComplete ?? null) : undefined;
    const group = before ? structuredClone(before) : newGroup(name, 'parallel');
    group.behavior = behavior ?? before?.behavior ?? 'parallel';
    if (actions !== undefined) group.onComplete = actions;
    this.groups.book.set(group);
    await this.saved(() => (before ? this.groups.book.set(before) : this.groups.book.delete(name)));
    this.groups.changed(name);
    return this.groups.info(name)!;
  }

  /** Its members are all in; once each has finished, its actions run (once). */
  async closeGroup(name: string): Promise<GroupInfo> {
    this.assertOpen();
    const group = this.groups.book.get(name);
    if (!group) throw new TransferError('InvalidArgument', `no group named ${name}`);
    if (group.members.length === 0) throw new TransferError('InvalidArgument', `group ${name} has no transfers yet: add some with --group ${name} first`);
    if (!group.closed) {
      group.closed = true;
      await this.saved(() => (group.closed = false));
      this.groups.changed(name);
      this.groups.completion.check(name);
    }
    return this.groups.info(name)!;
  }

  /** When a group's members may run, besides the settings' windows ([]: whenever those allow); closed groups too. */
  async setGroupWindows(name: string, windows: WeeklySpan[]): Promise<GroupInfo> {
    this.assertOpen();
    const parsed = RunWindowsSchema.safeParse(windows);
    if (!parsed.success) throw new TransferError('InvalidArgument', firstIssue(parsed.error, 'invalid time windows').message);
    const group = this.groups.book.get(name);
    if (!group) throw new TransferError('InvalidArgument', `no group named ${name}`);
    const before = group.runWindows;
    group.runWindows = parsed.data;
    await this.saved(() => (group.runWindows = before));
    this.groups.changed(name);
    // Its members are held or let go at once, and the schedule's timer follows the new windows.
    this.schedule();
    return this.groups.info(name)!;
  }

  /** The names (and the user's descriptions) of the actions a group may pick; never their programs. */
  async listNamedActions(): Promise<NamedActionList> {
    if (!this.options.namedActions) return { actions: [], problem: `this host has no named actions (the daemon and the desktop app read them from ${ACTIONS_FILE})` };
    try {
      const all = this.options.namedActions();
      return { actions: Object.entries(all).map(([name, action]) => ({ name, description: action.description ?? null })), problem: null };
    } catch (error) {
      return { actions: [], problem: (error as Error).message };
    }
  }

  async listGroups(): Promise<GroupInfo[]> {
    return this.groups.list();
  }

  async getWhenDone(): Promise<WhenDoneStatus> {
    return this.whenDone.status();
  }

  async setWhenDone(choice: WhenDoneChoice): Promise<WhenDoneStatus> {
    return this.whenDone.set(choice);
  }
}
