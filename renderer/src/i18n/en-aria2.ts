// The English words of Settings' aria2 RPC section, spread into the catalog by en.ts.
export const enAria2 = {
  aria2Rpc: {
    heading: 'aria2 RPC',
    enabled: "Answer aria2's JSON-RPC (for AriaNg, browser extensions and scripts written for aria2)",
    port: 'Port',
    origins: 'Web pages that may call it too (their origins, e.g. where AriaNg is served)',
    originsPlaceholder: 'http://localhost:8080, https://ariang.example',
    where: (port: number) => `On this computer only, at http://127.0.0.1:${port}/jsonrpc (and ws://). Calls must carry the secret.`,
    secret: 'The secret is set with "ferry config set aria2Rpc.secret" and never shown here.',
    desktopSecret: 'The secret is set with "ferry --home <the app\'s data folder> config set aria2Rpc.secret", kept encrypted like the app\'s other credentials, and never shown here.',
  },
};
