// The English words of Settings' Browsers section, spread into the catalog by en.ts.
export const enBrowsers = {
  browsers: {
    section: 'Browsers',
    heading: 'Downloads from your browsers',
    intro: 'Connect a browser so that Ferry\'s extension can hand its downloads to Ferry. Install and Remove act at once.',
    looking: 'Looking for browsers…',
    noneFound: 'No browser was found for your user on this computer (Chromium, Chrome, Edge, Brave, Firefox). Start one once, then open Settings again.',
    connected: 'Connected',
    notConnected: 'Not connected',
    otherFerry: 'Set up for another copy of Ferry',
    install: 'Install',
    remove: 'Remove',
    installFor: (name: string) => `Install for ${name}`,
    removeFor: (name: string) => `Remove from ${name}`,
    failed: (message: string) => `That did not work: ${message}`,
    listFailed: (message: string) => `The browsers could not be read: ${message}`,
    extension: 'The extension itself is installed in the browser: load dist/extension from the extensions page (the README says how).',
  },
};
