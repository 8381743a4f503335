// The German catalog: every key of the English one with the same kind of value, no English left in
// it by mistake, counts declined as German declines them, and the language chosen from the setting
// or the browser's / system's languages.
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en.ts';
import { de } from '../../renderer/src/i18n/de.ts';
import { count } from '../../renderer/src/i18n/format.ts';
import * as catalog from '../../renderer/src/i18n/catalog.ts';

type Leaf = { path: string; value: unknown };

/** Every value of a catalog that is not an object, by its dotted path ("status.paused", "shortcuts.keys.0.1"). */
function leaves(node: unknown, path = ''): Leaf[] {
  if (node === null || typeof node !== 'object') return [{ path, value: node }];
  return Object.entries(node).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
}

/** Sample arguments for the catalog's functions: counts first, names first, a failed-action notice, a checksum, line numbers. */
const SAMPLES: unknown[][] = [
  [2, 'x.iso', false],
  ['x.iso', 'y', false],
  [2, 3, 'pause', 'x'],
  ['sha256', false, false],
  [[2, 4]],
];

/** What a value says: itself, or a function's words for the first samples the English one takes without throwing. */
function said(value: unknown, english: unknown): unknown {
  if (typeof value !== 'function' || typeof english !== 'function') return value;
  const works = SAMPLES.find((args) => {
    try {
      (english as (...a: unknown[]) => unknown)(...args);
      return true;
    } catch {
      return false;
    }
  });
  return (value as (...a: unknown[]) => unknown)(...works!);
}

const kind = (value: unknown) => (Array.isArray(value) ? 'array' : typeof value);

/** Words that read the same in German (names, tokens, loan words German uses as they are). */
const SAME_IN_GERMAN = new Set([
  'app.name',
  'categories.video',
  'categories.audio',
  'statusBar.engineApp',
  'proxy.field',
  'proxy.setting',
  'aria2Rpc.port',
  'proxy.urlPlaceholder',
  'proxy.bypassPlaceholder',
  'proxy.pacUrlPlaceholder',
  'app.startAgainCommand',
  'app.loggedOutCommand',
  'groupEditor.editMark',
  'totals.down',
  'totals.up',
  'sizes.perSecond',
  'sizes.unknown',
  'columns.name',
  'columns.status',
  'columns.priorityNormal',
  'row.label',
  'row.upload',
  'row.download',
  'row.errorCode',
  'row.details',
  'rowMenu.details',
  'details.tabs',
  'filters.download',
  'filters.upload',
  'add.url',
  'add.priorityNormal',
  'upload.fileLabel',
  'upload.put',
  'upload.post',
  'details.title',
  'details.failedBecause',
  'details.fileWithSize',
  'details.answer',
  'details.historyEntry',
  'details.errorLine',
  'limits.and',
  'settings.networkRoaming',
  'waiting.cost.roaming',
  'errors.code',
  'duration.seconds',
  'duration.minutes',
  'duration.hours',
  'shortcuts.keys.0.0',
  'shortcuts.keys.1.0',
  'shortcuts.keys.2.0',
  'shortcuts.keys.10.0',
  'shortcuts.keys.12.0',
]);

describe('the German catalog', () => {
  it('has every key of the English one, no other, each of the same kind (a function where English has one)', () => {
    // In any order: the catalogs may list their parts differently.
    const shape = (c: unknown) => leaves(c).map(({ path, value }) => `${path}: ${kind(value)}`).sort();
    expect(shape(de)).toEqual(shape(en));
  });

  it('leaves no English behind: a German string or sentence differs from the English one unless it is a name or a token', () => {
    const english = new Map(leaves(en).map(({ path, value }) => [path, value]));
    const same = leaves(de).filter(({ path, value }) => !SAME_IN_GERMAN.has(path) && said(value, english.get(path)) === said(english.get(path), english.get(path)));
    expect(same.map(({ path }) => path)).toEqual([]);
    // The list of exceptions stays true: each is a key, and reads the same in both languages.
    const german = new Map(leaves(de).map(({ path, value }) => [path, value]));
    expect([...SAME_IN_GERMAN].filter((path) => !english.has(path) || said(german.get(path), english.get(path)) !== said(english.get(path), english.get(path)))).toEqual([]);
  });

  it('says the words a German user looks for in the list, the buttons and the errors', () => {
    expect(de.app.addDownload).toBe('Download hinzufügen');
    expect(de.status).toMatchObject({ paused: 'Pausiert', failed: 'Fehlgeschlagen', running: 'Wird heruntergeladen', completed: 'Fertig', canceled: 'Abgebrochen' });
    expect(de.actions).toMatchObject({ pause: 'Pausieren', resume: 'Fortsetzen', retry: 'Erneut versuchen', remove: 'Entfernen', deleteFile: 'Datei löschen' });
    expect(de.settings.language).toBe('Sprache');
    // Technical tokens stay: the HTTP code, the host, the command.
    expect(de.errors.download.NotFound('example.org', de.errors.code(404))).toBe('Laut Server gibt es diese Datei nicht (404).');
    expect(de.errors.download.HostNameNotResolved('files.example.org')).toContain('Der Server files.example.org wurde nicht gefunden');
    expect(de.errors.upload.Forbidden!('example.org', ' (403)')).toBe('Der Server lehnt diesen Upload ab (403).');
    expect(de.app.startAgainCommand('8123')).toBe('ferry daemon --port 8123');
  });

  it('declines counts: the singular for one, the plural for every other number', () => {
    expect(de.undo.removed(1)).toBe('1 Übertragung aus der Liste entfernt.');
    expect(de.undo.removed(2)).toBe('2 Übertragungen aus der Liste entfernt.');
    expect(de.undo.removed(1234)).toBe(`${count(1234)} Übertragungen aus der Liste entfernt.`);
    expect(de.row.retries(1)).toBe('1 Wiederholung');
    expect(de.row.retries(3)).toBe('3 Wiederholungen');
    expect(de.row.retries(0)).toBe('0 Wiederholungen');
    expect(de.confirm.removeTitle(1, 'big.iso')).toBe('big.iso entfernen?');
    expect(de.confirm.removeTitle(5, 'big.iso')).toBe('5 Übertragungen entfernen?');
    expect(de.confirm.notFinished(1, 3)).toBe('1 davon ist nicht fertig.');
    expect(de.confirm.notFinished(2, 3)).toBe('2 davon sind nicht fertig.');
    expect(de.confirm.uploadsStop(1)).toBe('Ein Upload bricht ab und müsste von vorn beginnen.');
    expect(de.confirm.uploadsStop(2)).toBe('2 Uploads brechen ab und müssten von vorn beginnen.');
    expect(de.waiting.waitingCount('Kein Netzwerk', 1)).toBe('Kein Netzwerk: 1 Übertragung wartet');
    expect(de.waiting.waitingCount('Kein Netzwerk', 4)).toBe('Kein Netzwerk: 4 Übertragungen warten');
    expect(de.waiting.pausedCount('Akkubetrieb', 1)).toBe('Akkubetrieb: 1 Übertragung pausiert');
    expect(de.notices.someFailed(1, 3, 'pause', 'x')).toBe('1 von 3 konnte nicht pausiert werden: x');
    expect(de.notices.someFailed(2, 3, 'resume', 'x')).toBe('2 von 3 konnten nicht fortgesetzt werden: x');
    expect(de.notices.someQueued('Hinzugefügt.', 1, 2)).toBe('Hinzugefügt. (1 von 2 wurde in die Warteschlange gestellt)');
    expect(de.details.connectionsNow(1)).toBe('Jetzt eine Verbindung.');
    expect(de.details.connectionsNow(6)).toBe('Jetzt 6 Verbindungen.');
  });
});

describe('choosing the language', () => {
  afterEach(() => catalog.setLanguage('en'));

  it('follows the most wanted of the browser\'s / system\'s languages when the setting says "system": German for de and de-*, else English', () => {
    expect(catalog.languageFor('system', ['de-DE', 'en-US'])).toBe('de');
    expect(catalog.languageFor('system', ['de'])).toBe('de');
    expect(catalog.languageFor('system', ['DE-at'])).toBe('de');
    expect(catalog.languageFor('system', ['en-US', 'de-DE'])).toBe('en');
    expect(catalog.languageFor('system', ['fr-FR'])).toBe('en');
    expect(catalog.languageFor('system', ['dsb'])).toBe('en');
    expect(catalog.languageFor('system', [])).toBe('en');
  });

  it('takes the setting over the system when it names a language', () => {
    expect(catalog.languageFor('en', ['de-DE'])).toBe('en');
    expect(catalog.languageFor('de', ['en-US'])).toBe('de');
  });

  it('remembers the setting for the next first paint; nothing or something else remembered is "system"', () => {
    const saved = new Map<string, string>();
    const store = { getItem: (key: string) => saved.get(key) ?? null, setItem: (key: string, value: string) => void saved.set(key, value) };
    expect(catalog.rememberedSetting(store)).toBe('system');
    catalog.rememberSetting('en', store);
    expect(catalog.rememberedSetting(store)).toBe('en');
    saved.set('ferry.language', 'fr');
    expect(catalog.rememberedSetting(store)).toBe('system');
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(() => catalog.rememberSetting('de', refusing)).not.toThrow();
    expect(catalog.rememberedSetting(refusing)).toBe('system');
  });

  it('switches `t` for every module that imported it (a live binding), and back', () => {
    catalog.setLanguage('de');
    expect(catalog.t).toBe(de);
    expect(catalog.language).toBe('de');
    expect(catalog.t.status.paused).toBe('Pausiert');
    catalog.setLanguage('en');
    expect(catalog.t).toBe(en);
    expect(catalog.t.status.paused).toBe('Paused');
  });
});
