/** Builds the renderer to dist/renderer: relative asset paths (file:// in Electron, `/` in serve), no inline code. */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // SECURITY: the pages run under `script-src 'self'; style-src 'self'` — nothing may be inlined.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'chrome130',
  },
});
