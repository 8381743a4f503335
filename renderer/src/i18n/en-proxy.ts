// The English words of proxies (the add and upload forms' proxy fields, Settings' proxy), spread
// into the catalog by en.ts.
export const enProxy = {
  proxy: {
    field: 'Proxy',
    fieldPlaceholder: 'As in Settings; "none" to go direct; or http://host:port, socks5h://host:port',
    username: 'Proxy user name',
    password: 'Proxy password',
    userForPassword: 'Enter the proxy user name that goes with the proxy password.',
    notProxy: 'The proxy must be "none" or a URL such as http://proxy.example:3128, https://…, socks5://… or socks5h://… (host and port only).',
    setting: 'Proxy',
    system: "The system's",
    none: 'None: connect directly',
    manual: 'This proxy',
    url: 'Proxy URL (no password: give it with each transfer)',
    urlPlaceholder: 'http://proxy.example:3128',
    needUrl: 'Enter the proxy URL, or choose another proxy.',
    pac: 'Chosen by a PAC script',
    pacUrl: 'PAC script address',
    pacUrlPlaceholder: 'http://wpad.example/proxy.pac',
    notPacUrl: 'Enter the PAC script\'s address as an http://, https:// or file:// URL without a password, or choose another proxy.',
    bypass: 'Connect directly to',
    bypassPlaceholder: 'localhost, .intranet.example, 10.0.0.0/8',
  },
};
