// "When everything is done" in the status bar: a button naming the choice that opens a menu (nothing,
// quit, sleep, shut down: those the host can do), and while the host counts down, a banner with
// the seconds left and Cancel. Read from the host when shown, then followed by its events; the
// seconds are counted here from the time each status arrived (the host's clock may differ).
import { useEffect, useState } from 'react';
import { WHEN_DONE_CHOICES, type WhenDoneChoice, type WhenDoneStatus } from '../../../shared/when-done.ts';
import { useFerry, useFerryStore } from '../state/context.tsx';
import { t } from '../i18n/catalog.ts';
import { Menu } from './Menu.tsx';

/** The host's status and when it arrived (performance.now()), kept in one place for both parts. */
function useWhenDone(): { status: WhenDoneStatus | null; receivedAt: number } {
  const bridge = useFerry((s) => s.whenDone);
  const [state, setState] = useState<{ status: WhenDoneStatus | null; receivedAt: number }>({ status: null, receivedAt: 0 });
  useEffect(() => {
    let live = true;
    const take = (status: WhenDoneStatus) => live && setState({ status, receivedAt: performance.now() });
    const off = bridge.on('whenDoneChanged', take);
    // A host without it (an older one, a test's stand-in) shows no control rather than failing the page.
    void Promise.resolve()
      .then(() => bridge.getWhenDone())
      .then(take, () => undefined);
    return () => {
      live = false;
      off();
    };
  }, [bridge]);
  return state;
}

function secondsLeft(status: WhenDoneStatus, receivedAt: number, now: number): number {
  return Math.max(0, Math.ceil((status.countdownMs! - (now - receivedAt)) / 1000));
}

function useChoose(): (choice: WhenDoneChoice) => void {
  const bridge = useFerry((s) => s.whenDone);
  const store = useFerryStore();
  return (choice) => void bridge.setWhenDone(choice).catch((error: unknown) => store.setState({ notice: t.whenDone.refused((error as Error).message) }));
}

/** The status bar's button: the choice, and a menu to change it. */
export function WhenDoneButton({ disabled }: { disabled: boolean }) {
  const { status } = useWhenDone();
  const choose = useChoose();
  const [menuAt, setMenuAt] = useState<{ x: number; y: number; above: number } | null>(null);
  if (!status) return null;
  const items = WHEN_DONE_CHOICES.map((choice) => ({
    label: t.whenDone.choices[choice],
    checked: status.choice === choice,
    disabled: !status.available.includes(choice),
    onSelect: () => choose(choice),
  }));
  const title = status.problem ? `${t.whenDone.hint} ${t.whenDone.problem(status.problem)}` : t.whenDone.hint;
  return (
    <>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={menuAt !== null}
        className={status.choice === 'nothing' ? 'when-done' : 'when-done when-done-set'}
        disabled={disabled}
        title={title}
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          setMenuAt({ x: box.left, y: box.bottom + 2, above: box.top });
        }}
      >
        {t.whenDone.button(t.whenDone.choices[status.choice])}
      </button>
      {menuAt && <Menu label={t.whenDone.menu} items={items} at={menuAt} onClose={() => setMenuAt(null)} />}
    </>
  );
}

/** While the host counts down: what it will do, in how many seconds, and Cancel. */
export function WhenDoneBanner() {
  const { status, receivedAt } = useWhenDone();
  const choose = useChoose();
  const [now, setNow] = useState(() => performance.now());
  const counting = status !== null && status.countdownMs !== null && status.choice !== 'nothing';
  useEffect(() => {
    if (!counting) return;
    setNow(performance.now());
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, [counting, receivedAt]);
  if (!counting || status.choice === 'nothing') return null;
  return (
    <p className="banner when-done-countdown" role="alert">
      {t.whenDone.countdown(t.whenDone.doing[status.choice], secondsLeft(status, receivedAt, now))}{' '}
      <button type="button" onClick={() => choose('nothing')}>
        {t.whenDone.cancel}
      </button>
    </p>
  );
}
