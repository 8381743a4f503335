// The extension's manifests, one source for both browsers: Chromium (Manifest V3 with a fixed key,
// so its id is the one `ferry integrate` allows) and Firefox (its gecko id; background scripts,
// since Firefox has no extension service workers).
import { createHash } from 'node:crypto';
import { CHROMIUM_EXTENSION_ID, EXTENSION_PUBLIC_KEY, GECKO_EXTENSION_ID } from '../shared/browser-extension.ts';

/** Chromium's id for a key: the first 128 bits of the key's SHA-256, each hex digit as a-p. */
export function chromiumExtensionId(publicKeyBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

function common(version: string) {
  return {
    manifest_version: 3,
    name: 'Ferry',
    version,
    description: 'Hands your downloads to Ferry, the download manager: resumable, segmented, with your cookies.',
    permissions: ['downloads', 'cookies', 'nativeMessaging', 'contextMenus', 'storage', 'scripting'],
    host_permissions: ['<all_urls>'],
    action: { default_popup: 'popup.html', default_title: 'Ferry', default_icon: { 256: 'icon.png' } },
    options_ui: { page: 'options.html', open_in_tab: true },
    // Keyed by the file's real size (256 px): Firefox's linter checks it; browsers scale it down.
    icons: { 256: 'icon.png' },
    content_scripts: [{ matches: ['<all_urls>'], js: ['bypass.js'], run_at: 'document_start', all_frames: true }],
  };
}

export function chromiumManifest(version: string): Record<string, unknown> {
  if (chromiumExtensionId(EXTENSION_PUBLIC_KEY) !== CHROMIUM_EXTENSION_ID) throw new Error('EXTENSION_PUBLIC_KEY does not give CHROMIUM_EXTENSION_ID');
  return { ...common(version), key: EXTENSION_PUBLIC_KEY, background: { service_worker: 'background.js', type: 'module' }, minimum_chrome_version: '116' };
}

export function firefoxManifest(version: string): Record<string, unknown> {
  return {
    ...common(version),
    background: { scripts: ['background.js'], type: 'module' },
    // Nothing leaves the machine: what the extension reads goes to the local native host only.
    // 140 (the ESR) is the first Firefox that knows data_collection_permissions.
    // (Android knows it from 142; the extension needs native messaging, which Android lacks.)
    browser_specific_settings: { gecko: { id: GECKO_EXTENSION_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } }, gecko_android: { strict_min_version: '142.0' } },
  };
}
