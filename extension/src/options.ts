// The options page: which downloads go to Ferry (types, a size, sites left to the browser).
import { DEFAULT_SETTINGS, listFromText, type CatchSettings } from './catch-rules.ts';
import { loadSettings, saveSettings } from './settings.ts';
import { words } from './words.ts';

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const text: Array<[string, string]> = [
  ['title', words.optionsTitle],
  ['enabled-label', words.optionsEnabled],
  ['extensions-label', words.optionsExtensions],
  ['min-size-label', words.optionsMinSize],
  ['excluded-label', words.optionsExcluded],
  ['bypass', words.optionsBypass],
  ['save', words.optionsSave],
  ['reset', words.optionsReset],
];
for (const [id, words] of text) byId(id).textContent = words;
document.title = words.optionsTitle;

const enabled = byId<HTMLInputElement>('enabled');
const extensions = byId<HTMLTextAreaElement>('extensions');
const minSize = byId<HTMLInputElement>('min-size');
const excluded = byId<HTMLTextAreaElement>('excluded');
const saved = byId<HTMLSpanElement>('saved');

function fill(settings: CatchSettings): void {
  enabled.checked = settings.enabled;
  extensions.value = settings.extensions.join(' ');
  minSize.value = String(settings.minSizeMB);
  excluded.value = settings.excludedHosts.join('\n');
}

byId<HTMLFormElement>('form').addEventListener('submit', (event) => {
  event.preventDefault();
  const size = Number(minSize.value);
  const settings: CatchSettings = {
    enabled: enabled.checked,
    extensions: listFromText(extensions.value).map((e) => e.toLowerCase().replace(/^\./, '')),
    minSizeMB: Number.isFinite(size) && size >= 0 ? size : DEFAULT_SETTINGS.minSizeMB,
    excludedHosts: listFromText(excluded.value).map((h) => h.toLowerCase()),
  };
  void saveSettings(settings).then(() => {
    fill(settings);
    saved.textContent = words.optionsSaved;
  });
});
byId('reset').addEventListener('click', () => fill(DEFAULT_SETTINGS));
void loadSettings().then(fill);
