import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

// Dependencies stay external in main/preload (electron-vite default), so every
// runtime package of the main process must be listed in package.json "dependencies".
/* `electron-vite dev` only: React Fast Refresh injects an inline preamble script and HMR uses a
 * websocket, both blocked by the strict CSP <meta> in index.html. Relax exactly those two in the
 * dev server's HTML; builds (npm start, packaging, e2e) keep the strict policy untouched. */
function devOnlyCspRelaxation(): Plugin {
  return {
    name: 'evo-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*"),
  };
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only require('electron'): bundle zod and the shared
      // IPC contract into the one file instead of leaving them external.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload cannot `require` arbitrary files: emit one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react(), devOnlyCspRelaxation()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
