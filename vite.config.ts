import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer bundle: served by the daemon and loaded from disk by Electron (hence relative paths).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline scripts or styles anywhere: the CSP forbids them.
    assetsInlineLimit: 0,
  },
});
