import { Dialog, DialogButtons } from './Dialog.tsx';

/** The keys the list answers to (App's keydown handler), shown with "?". */
export const SHORTCUTS: Array<[string, string]> = [
  ['N', 'Add a download'],
  ['U', 'Upload files'],
  ['/', 'Search'],
  ['Ctrl+A', 'Select every transfer in view'],
  ['Click, Shift+click, Ctrl+click', 'Select one, a range, or add to the selection'],
  ['Space', 'Pause the selected transfers (or resume them, when all are paused)'],
  ['Delete', 'Remove the selected transfers from the list (their files stay)'],
  ['Esc', 'Clear the selection, or close a dialog'],
  ['?', 'This list'],
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <dl className="shortcuts">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="detail">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <DialogButtons onClose={onClose} />
    </Dialog>
  );
}
