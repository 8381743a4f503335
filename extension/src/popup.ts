// The popup: Ferry's active transfers with their progress, pause and resume, or why Ferry cannot
// be reached. It keeps one connection to the native host while it is open and asks every second.
import type { ActiveTransfer } from '../../shared/browser-extension.ts';
import { formatBytes } from '../../shared/format-bytes.ts';
import { connectFerry } from './native.ts';
import { words } from './words.ts';

type Reply = { ok: true; reachable?: boolean; transfers?: ActiveTransfer[] } | { ok: false; error: { status: string; message: string } };

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const status = byId<HTMLParagraphElement>('status');
const list = byId<HTMLUListElement>('transfers');
byId('title').textContent = words.popupTitle;
byId('options').textContent = words.popupOptions;
byId('options').addEventListener('click', () => void chrome.runtime.openOptionsPage());
status.textContent = words.popupChecking;

/** No host answering (not installed), or a host with no daemon behind it. */
function unreachable(why: 'no-host' | 'not-running' = 'no-host'): void {
  document.body.dataset['reachable'] = 'false';
  status.textContent = why === 'no-host' ? words.popupNotReachable : words.popupNotRunning;
  list.replaceChildren();
}

function row(t: ActiveTransfer, act: (type: 'pause' | 'resume', id: string) => void): HTMLLIElement {
  const li = document.createElement('li');
  li.dataset['id'] = t.id;
  const name = document.createElement('div');
  name.className = 'name';
  name.textContent = t.name;
  const bar = document.createElement('progress');
  bar.max = t.totalBytes ?? 1;
  if (t.totalBytes) bar.value = t.bytesTransferred;
  else bar.removeAttribute('value');
  const facts = document.createElement('div');
  facts.className = 'facts';
  const size = words.sizeOf(formatBytes(t.bytesTransferred), t.totalBytes === null ? null : formatBytes(t.totalBytes));
  facts.textContent = `${t.state} · ${size}${t.state === 'running' ? ` · ${words.perSecond(formatBytes(t.speed))}` : ''}`;
  li.append(name, bar, facts);
  const action = t.canPause ? 'pause' : t.canResume ? 'resume' : null;
  if (action) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = action === 'pause' ? words.pause : words.resume;
    button.addEventListener('click', () => act(action, t.id));
    li.append(button);
  }
  return li;
}

let gone = false;
const ferry = connectFerry(() => {
  gone = true;
  unreachable();
});

async function refresh(): Promise<void> {
  if (gone) return;
  try {
    const ping = await ferry.ask<Reply>({ type: 'ping' });
    if (!ping.ok || !ping.reachable) return unreachable('not-running');
    const reply = await ferry.ask<Reply>({ type: 'list' });
    if (!reply.ok) return unreachable('not-running');
    document.body.dataset['reachable'] = 'true';
    const transfers = reply.transfers ?? [];
    status.textContent = transfers.length === 0 ? words.popupNothingActive : '';
    list.replaceChildren(...transfers.map((t) => row(t, (type, id) => void ferry.ask({ type, id }).then(refresh))));
  } catch {
    unreachable();
  }
}

void refresh();
setInterval(() => void refresh(), 1000);
