// The group editor (the sidebar's Edit group…): how its transfers run, what happens once all have
// finished (notify, open their folder in the desktop app, move the files, a named action; never a
// program typed here), its time windows as the CLI writes them, and Close group. Behaviour and
// actions are fixed once they run or have run (the engine refuses); the windows stay open to change.
import { useEffect, useState, type FormEvent } from 'react';
import type { GroupInfo } from '../../../shared/model.ts';
import { useFerry } from '../state/context.tsx';
import { messageOf } from '../state/message-of.ts';
import { actionsEditable, groupFormOf, KEEP_PROGRAM, saveGroup, windowsFromText, type GroupForm } from '../state/group-edit.ts';
import { t } from '../i18n/catalog.ts';
import { Dialog, DialogButtons } from './Dialog.tsx';
import { FolderField } from './FolderField.tsx';
import { FormError } from './FormError.tsx';
import { SelectField } from './SelectField.tsx';
import { groupStateWords, useGroup } from './GroupDetail.tsx';
import { useNamedActions } from './use-named-actions.ts';

export function GroupEditor({ name, onClose }: { name: string; onClose: () => void }) {
  const group = useGroup(name);
  if (!group) return null;
  return <GroupEditorForm group={group} onClose={onClose} />;
}

function programOptions(group: GroupInfo, names: { name: string; description: string | null }[]): Array<readonly [string, string]> {
  const options: Array<readonly [string, string]> = [['', t.groupEditor.nothing]];
  if (group.onComplete?.run || group.onComplete?.programHidden) options.push([KEEP_PROGRAM, group.onComplete.action ? t.groupEditor.keepAction(group.onComplete.action) : t.groupEditor.keepProgram]);
  for (const action of names) options.push([action.name, t.groupEditor.action(action.name, action.description)]);
  return options;
}

function GroupEditorForm({ group, onClose }: { group: GroupInfo; onClose: () => void }) {
  const bridge = useFerry((s) => s.groups);
  const desktop = useFerry((s) => s.host?.kind === 'electron');
  const named = useNamedActions();
  const [form, setForm] = useState<GroupForm>(() => groupFormOf(group));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const editable = actionsEditable(group);
  const windowsProblem = (() => {
    const windows = windowsFromText(form.windows);
    return typeof windows === 'string' ? windows : null;
  })();
  const field = <K extends keyof GroupForm>(key: K) => (value: GroupForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setError(null);
    setSaved(false);
  };
  // The group fired or started while the editor was open: what it shows follows.
  useEffect(() => setSaved(false), [group.firedAt, group.running]);

  const run = async (call: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await call();
      setError(null);
      setSaved(true);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (windowsProblem) return;
    void run(() => saveGroup(bridge, group, form));
  };

  return (
    <Dialog title={t.groupEditor.title(group.name)} onClose={onClose}>
      <form className="group-editor" onSubmit={submit} noValidate>
        <p role="status">{groupStateWords(group)}</p>
        {!editable && <p className="hint">{group.running ? t.groupEditor.running : t.groupEditor.ran}</p>}
        {editable && group.closed && <p className="hint">{t.groupEditor.closed}</p>}
        <SelectField
          label={t.groupEditor.behavior}
          value={form.behavior}
          disabled={!editable}
          onChange={field('behavior')}
          options={[['parallel', t.groupEditor.parallel], ['serialized', t.groupEditor.serialized]]}
        />
        <fieldset disabled={!editable}>
          <legend>{t.groupEditor.whenDone}</legend>
          <label className="check">
            <input type="checkbox" checked={form.notify} onChange={(e) => field('notify')(e.target.checked)} />
            {t.groupEditor.notify}
          </label>
          {/* Only the desktop app can open a folder; the daemon refuses it, so the browser UI does not offer it. */}
          {(desktop || form.openFolder) && (
            <label className="check">
              <input type="checkbox" checked={form.openFolder} onChange={(e) => field('openFolder')(e.target.checked)} />
              {t.groupEditor.openFolder}
            </label>
          )}
          <FolderField label={t.groupEditor.moveTo} value={form.moveTo} placeholder={t.groupEditor.moveToPlaceholder} onChange={field('moveTo')} />
          <SelectField label={t.groupEditor.program} value={form.program} onChange={field('program')} options={programOptions(group, named.actions)} />
          <p className="hint">{t.groupEditor.programHint}</p>
          {named.problem && <p className="form-warning">{t.groupEditor.actionsProblem(named.problem)}</p>}
        </fieldset>
        <label>
          {t.groupEditor.windows}
          <input
            name="windows"
            value={form.windows}
            aria-invalid={windowsProblem !== null}
            aria-describedby={windowsProblem ? 'group-windows-error' : 'group-windows-hint'}
            onChange={(e) => field('windows')(e.target.value)}
          />
        </label>
        <p className="hint" id="group-windows-hint">
          {t.groupEditor.windowsHint}
        </p>
        {windowsProblem && <FormError id="group-windows-error" text={windowsProblem} />}
        {error && <FormError id="group-error" text={error} />}
        {saved && !error && <p className="hint" role="status">{t.groupEditor.saved}</p>}
        <div className="group-close">
          <button type="button" disabled={busy || group.closed || group.members.length === 0} title={t.groupEditor.closeHint} onClick={() => void run(() => bridge.closeGroup(group.name))}>
            {t.groupEditor.closeGroup}
          </button>
        </div>
        <DialogButtons onClose={onClose} label={t.groupEditor.save} disabled={busy || windowsProblem !== null} />
      </form>
    </Dialog>
  );
}
