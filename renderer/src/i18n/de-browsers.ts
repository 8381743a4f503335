// The German words of Settings' Browsers section, spread into the catalog by de.ts; the same keys as en-browsers.ts.
import type { enBrowsers } from './en-browsers.ts';

export const deBrowsers: typeof enBrowsers = {
  browsers: {
    section: 'Browser',
    heading: 'Downloads aus Ihren Browsern',
    intro: 'Verbinden Sie einen Browser, damit Ferrys Erweiterung dessen Downloads an Ferry übergeben kann. Installieren und Entfernen wirken sofort.',
    looking: 'Browser werden gesucht …',
    noneFound: 'Für Ihren Benutzer wurde auf diesem Computer kein Browser gefunden (Chromium, Chrome, Edge, Brave, Firefox). Starten Sie einen einmal und öffnen Sie dann die Einstellungen erneut.',
    connected: 'Verbunden',
    notConnected: 'Nicht verbunden',
    otherFerry: 'Für eine andere Ferry-Kopie eingerichtet',
    install: 'Installieren',
    remove: 'Entfernen',
    installFor: (name: string) => `Für ${name} installieren`,
    removeFor: (name: string) => `Aus ${name} entfernen`,
    failed: (message: string) => `Das hat nicht geklappt: ${message}`,
    listFailed: (message: string) => `Die Browser konnten nicht gelesen werden: ${message}`,
    extension: 'Die Erweiterung selbst wird im Browser installiert: dist/extension über die Erweiterungsseite laden (wie, steht in der README).',
  },
};
