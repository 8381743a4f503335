// Who Ferry's browser extension is: the names the extension, the native-messaging host and
// `ferry integrate` must agree on.

/** The native-messaging host's name (lowercase letters, digits, _ and dots, as browsers require). */
export const NATIVE_HOST_NAME = 'app.ferry.native_host';

/**
 * The extension's public key (SubjectPublicKeyInfo, DER, base64): the Chromium manifest's `key`,
 * which fixes its id wherever it is loaded unpacked. Only the public half exists in the repository.
 */
export const EXTENSION_PUBLIC_KEY = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmqPU0/yPVj8eAah2mnyq7f3Dl4bKK/vo7YH/9Pd1CRpHbQ1xTDq+/aufWvBDLY11JYL5lmEzC0dyYllsd+tuYqAolc7tBAeX1RDIIoj9FYOBibpu6LcQD5OpoHAyDHpSkIn3d5iBU1HnsmpIt6y6LLFdJ11ocCOpFg7XDetN0pUjGTT7VtIIgA4GbVYc9fYoNoZOT3+rTFxjVYUT+DwUv642zGwyM9y2p3TqjiD6m24KZqhgSduoyCJc8kE36fneF0w842FUWyqYqD6P42m7c7swITMX/OST2lgRFatpBRHzY3azRet2RSC7I/a+i4exmUeh/Pnrd/hu/XQgCImutwIDAQAB';

/** The Chromium extension id that key gives (test/unit/extension-id.test.ts derives it). */
export const CHROMIUM_EXTENSION_ID = 'lomlonjpmidehfdblckpaokiailhhnpk';

/** The Firefox extension's id (browser_specific_settings.gecko.id). */
export const GECKO_EXTENSION_ID = 'browser-extension@ferry.app';

/** The largest message either side sends over native messaging (Chromium's limit from the host). */
export const NATIVE_MESSAGE_MAX_BYTES = 1024 * 1024;

/** A transfer as the extension's popup shows it: no URL, header or path, only its name and progress. */
export interface ActiveTransfer {
  id: string;
  name: string;
  state: string;
  bytesTransferred: number;
  totalBytes: number | null;
  speed: number;
  canPause: boolean;
  canResume: boolean;
}

/** The browsers Ferry's host can be installed for (`ferry integrate BROWSER`, Settings' Browsers). */
export const BROWSERS = ['chromium', 'chrome', 'edge', 'brave', 'firefox'] as const;
export type BrowserId = (typeof BROWSERS)[number];

/** Their names as their makers write them (the same in every language). */
export const BROWSER_NAMES: Record<BrowserId, string> = {
  chromium: 'Chromium',
  chrome: 'Google Chrome',
  edge: 'Microsoft Edge',
  brave: 'Brave',
  firefox: 'Firefox',
};

/**
 * Whether a browser may start this Ferry's native host: `connected` (the manifest is there, starts
 * this Ferry and lets only Ferry's extension in), `notConnected` (no manifest), `otherFerry` (a
 * manifest of that name that says something else: another copy of Ferry, or an older one).
 */
export type IntegrationState = 'connected' | 'notConnected' | 'otherFerry';

/** One browser found on the host's machine, as Settings' Browsers section lists it. */
export interface BrowserIntegration {
  browser: BrowserId;
  name: string;
  state: IntegrationState;
  /** Where the host's manifest is (or would be). */
  manifest: string;
}

/** The extension (through the native host) may hand downloads over, never change what browsers start. */
export const EXTENSION_INTEGRATION_REFUSAL = "Ferry's host for a browser is installed or taken out only in Ferry's Settings or with \"ferry integrate\", never by the browser extension";
