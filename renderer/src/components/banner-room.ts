// The room at the list's end as tall as the banners over it (the CSS variable the list's end reads),
// without a jump when a banner goes: with the list scrolled into that room, a shorter room would
// make the browser pull the scroll back and every row in sight would move. So a room that shrinks
// waits until the part it drops is out of sight (the user scrolled up), then goes.
const ROOM = '--banner-room';
const scroller = (): HTMLElement | null => document.querySelector('.table-scroll');

export function followBannerRoom(stack: HTMLElement): () => void {
  const root = document.documentElement.style;
  let room = 0;
  let wanted = 0;
  const set = (height: number) => {
    room = height;
    root.setProperty(ROOM, `${height}px`);
  };
  // What the room may drop to now without moving a row: all it wants, or as much as lies below the sight.
  const settle = () => {
    if (wanted >= room) return set(wanted);
    const list = scroller();
    const below = list ? list.scrollHeight - list.scrollTop - list.clientHeight : room;
    const next = Math.max(wanted, room - Math.max(0, Math.floor(below)));
    if (next < room) set(next);
  };
  const observer = new ResizeObserver(() => {
    wanted = stack.offsetHeight;
    settle();
  });
  observer.observe(stack);
  // Listened on the document (capturing), so a list drawn after the banners counts too.
  document.addEventListener('scroll', settle, { capture: true, passive: true });
  return () => {
    observer.disconnect();
    document.removeEventListener('scroll', settle, { capture: true });
    root.removeProperty(ROOM);
  };
}
