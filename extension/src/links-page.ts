// The list "Download all links with Ferry" opens: the page's links with name and host, filtered by
// type, the ticked ones handed to Ferry in one batch with the browser's cookies, the page as
// Referer and its User-Agent (browser-request.ts, as for one link), in a group that runs a named
// action of the user's once all have finished when one is picked (Ferry tells the names only).
// The page gets a toast after.
import { browserRequest } from './browser-request.ts';
import { FILE_TYPE_IDS } from './file-types.ts';
import { handOffAll, type AddAllReply } from './handoff.ts';
import { confirmInPage } from './in-page.ts';
import { dropBatch, loadBatch } from './links-batch.ts';
import { linkEntries, shownLinks, type LinkEntry, type LinkFilter } from './links.ts';
import { askFerry } from './native.ts';
import { words } from './words.ts';
import type { NamedActionList } from '../../shared/named-actions.ts';

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const typeSelect = byId<HTMLSelectElement>('type');
const tickAll = byId<HTMLInputElement>('tick-all');
const list = byId<HTMLUListElement>('links');
const download = byId<HTMLButtonElement>('download');
const result = byId<HTMLParagraphElement>('result');
const whenDone = byId<HTMLSelectElement>('when-done');
document.title = words.linksTitle;
byId('title').textContent = words.linksTitle;
byId('type-label').textContent = words.linksType;
byId('tick-all-label').textContent = words.linksAllShown;
byId('close').textContent = words.linksClose;
byId('when-done-label').textContent = words.linksWhenDone;

/** The named actions Ferry offers (names and descriptions); the choice stays hidden when there are none or Ferry is not running. */
async function offerActions(): Promise<void> {
  const reply = await askFerry<{ ok: boolean; actions?: NamedActionList }>({ type: 'actions' }).catch(() => null);
  const actions = reply?.ok ? (reply.actions?.actions ?? []) : [];
  if (actions.length === 0) return;
  const option = (value: string, text: string) => Object.assign(document.createElement('option'), { value, textContent: text });
  whenDone.replaceChildren(option('', words.linksNothing), ...actions.map((a) => option(a.name, words.linksAction(a.name, a.description))));
  byId('when-done-row').hidden = false;
}
byId('close').addEventListener('click', () => window.close());

function say(text: string, failed = false): void {
  result.textContent = text;
  result.dataset['failed'] = String(failed);
}

function row(entry: LinkEntry, ticked: boolean, onTick: (on: boolean) => void): HTMLLIElement {
  const li = document.createElement('li');
  const label = document.createElement('label');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = ticked;
  box.dataset['url'] = entry.url;
  box.addEventListener('change', () => onTick(box.checked));
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = entry.name;
  name.title = entry.url;
  const host = document.createElement('span');
  host.className = 'host';
  host.textContent = entry.host;
  label.append(box, name, host);
  li.append(label);
  return li;
}

async function main(): Promise<void> {
  const key = new URLSearchParams(location.search).get('batch') ?? '';
  const batch = await loadBatch(key);
  if (!batch) {
    download.hidden = true;
    return say(words.linksGone, true);
  }
  const entries = linkEntries(batch.links);
  // Files of a known kind start ticked; pages and the rest are there to tick by hand.
  const ticked = new Set(entries.filter((e) => e.type !== null).map((e) => e.url));
  byId('source').textContent = words.linksFrom(new URL(batch.pageUrl).host || batch.pageUrl, entries.length);
  const filters: LinkFilter[] = ['all', ...FILE_TYPE_IDS];
  typeSelect.replaceChildren(
    ...filters.map((f) => {
      const option = document.createElement('option');
      option.value = f;
      option.textContent = `${words.fileTypes[f]} (${shownLinks(entries, f).length})`;
      return option;
    }),
  );
  const shown = () => shownLinks(entries, typeSelect.value as LinkFilter);
  const chosen = () => shown().filter((e) => ticked.has(e.url));
  const update = (): void => {
    const count = chosen().length;
    download.textContent = words.linksDownload(count);
    download.disabled = count === 0;
    tickAll.checked = shown().length > 0 && count === shown().length;
  };
  const render = (): void => {
    const tick = (url: string, on: boolean): void => {
      if (on) ticked.add(url);
      else ticked.delete(url);
      update();
    };
    list.replaceChildren(...shown().map((e) => row(e, ticked.has(e.url), (on) => tick(e.url, on))));
    update();
  };
  typeSelect.addEventListener('change', render);
  tickAll.addEventListener('change', () => {
    for (const e of shown()) {
      if (tickAll.checked) ticked.add(e.url);
      else ticked.delete(e.url);
    }
    render();
  });
  if (entries.length === 0) say(words.linksNone);
  render();
  void offerActions();

  download.addEventListener('click', () => {
    void (async () => {
      download.disabled = true;
      say(words.linksSending);
      const messages = await Promise.all(chosen().map((e) => browserRequest({ url: e.url, referer: batch.pageUrl })));
      const action = whenDone.value;
      const outcome = await handOffAll(messages, (m) => askFerry<AddAllReply>({ ...m, ...(action ? { action } : {}) }));
      const text = outcome.handedOver ? words.tookMany(outcome.ids.length) : words.batchFailed(outcome.reason);
      say(text, !outcome.handedOver);
      await confirmInPage(batch.tabId, text, !outcome.handedOver);
      if (!outcome.handedOver) return update();
      await dropBatch(key);
      setTimeout(() => window.close(), 1500);
    })();
  });
}

void main();
