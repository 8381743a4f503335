// The German words of Settings' aria2 RPC section, spread into the catalog by de.ts; the same keys as en-aria2.ts.
import type { enAria2 } from './en-aria2.ts';

export const deAria2: typeof enAria2 = {
  aria2Rpc: {
    heading: 'aria2-RPC',
    enabled: 'JSON-RPC von aria2 beantworten (für AriaNg, Browser-Erweiterungen und Skripte für aria2)',
    port: 'Port',
    origins: 'Webseiten, die es auch aufrufen dürfen (ihre Origins, z. B. wo AriaNg liegt)',
    originsPlaceholder: 'http://localhost:8080, https://ariang.beispiel',
    where: (port: number) => `Nur auf diesem Computer, unter http://127.0.0.1:${port}/jsonrpc (und ws://). Aufrufe müssen das Geheimnis mitsenden.`,
    secret: 'Das Geheimnis wird mit „ferry config set aria2Rpc.secret“ gesetzt und hier nie angezeigt.',
    desktopSecret: 'Das Geheimnis wird mit „ferry --home <Datenordner der App> config set aria2Rpc.secret“ gesetzt, wie die anderen Zugangsdaten der App verschlüsselt aufbewahrt und hier nie angezeigt.',
  },
};
