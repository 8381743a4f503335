// The extension's id follows from the public key in its manifest, and is the one the native host
// allows: a key that does not give it would leave the extension unable to reach Ferry.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_EXTENSION_ID, EXTENSION_PUBLIC_KEY } from '../../shared/browser-extension.ts';
import { chromiumExtensionId, chromiumManifest, firefoxManifest } from '../../extension/manifest.ts';
import { hostManifest } from '../../electron/daemon/integrate/host-locations.ts';

describe('the extension id', () => {
  it('is derived from the public key as Chromium does, and only the public key is kept', () => {
    const der = Buffer.from(EXTENSION_PUBLIC_KEY, 'base64');
    // A SubjectPublicKeyInfo of an RSA key: a public key, nothing private in it.
    expect(createHash('sha256').update(der).digest('hex').length).toBe(64);
    expect(chromiumExtensionId(EXTENSION_PUBLIC_KEY)).toBe(CHROMIUM_EXTENSION_ID);
    expect(CHROMIUM_EXTENSION_ID).toMatch(/^[a-p]{32}$/);
    const { createPublicKey } = process.getBuiltinModule('node:crypto');
    expect(createPublicKey({ key: der, format: 'der', type: 'spki' }).asymmetricKeyType).toBe('rsa');
  });

  it('the manifests carry the key (Chromium) and the gecko id (Firefox) the host allows', () => {
    const chromium = chromiumManifest('1.2.3');
    expect(chromium).toMatchObject({ manifest_version: 3, version: '1.2.3', key: EXTENSION_PUBLIC_KEY, background: { service_worker: 'background.js' } });
    expect(hostManifest('chromium', '/x')['allowed_origins']).toEqual([`chrome-extension://${chromiumExtensionId(chromium['key'] as string)}/`]);
    const firefox = firefoxManifest('1.2.3') as { browser_specific_settings: { gecko: { id: string } }; key?: string };
    expect(firefox.key).toBeUndefined();
    expect(hostManifest('firefox', '/x')['allowed_extensions']).toEqual([firefox.browser_specific_settings.gecko.id]);
  });
});
