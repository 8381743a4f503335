// The German words of proxies (the add and upload forms' proxy fields, Settings' proxy), spread
// into the catalog by de.ts; the same keys as en-proxy.ts.
import type { enProxy } from './en-proxy.ts';

export const deProxy: typeof enProxy = {
  proxy: {
    field: 'Proxy',
    fieldPlaceholder: 'Leer: wie in den Einstellungen; sonst http://host:port oder socks5h://host:port',
    username: 'Proxy-Benutzername',
    password: 'Proxy-Passwort',
    userForPassword: 'Geben Sie den Proxy-Benutzernamen zum Proxy-Passwort ein.',
    notProxy: 'Der Proxy muss „none“ oder eine URL wie http://proxy.example:3128, https://…, socks5://… oder socks5h://… sein (nur Host und Port).',
    setting: 'Proxy',
    system: 'Der des Systems',
    none: 'Keiner: direkt verbinden',
    manual: 'Dieser Proxy',
    url: 'Proxy-URL (ohne Passwort: das geben Sie bei jeder Übertragung an)',
    urlPlaceholder: 'http://proxy.example:3128',
    needUrl: 'Geben Sie die Proxy-URL ein, oder wählen Sie einen anderen Proxy.',
    pac: 'Von einem PAC-Skript gewählt',
    pacUrl: 'Adresse des PAC-Skripts',
    pacUrlPlaceholder: 'http://wpad.example/proxy.pac',
    notPacUrl: 'Geben Sie die Adresse des PAC-Skripts als http://-, https://- oder file://-URL ohne Passwort ein, oder wählen Sie einen anderen Proxy.',
    bypass: 'Direkt verbinden zu',
    bypassPlaceholder: 'localhost, .intranet.example, 10.0.0.0/8',
  },
};
