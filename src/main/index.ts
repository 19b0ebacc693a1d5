/* Electron main entry. Thin on purpose: see ./electron/app.ts. */
import { fileURLToPath } from 'node:url';
import * as electron from 'electron';
import { startShell } from './electron/app';

startShell(
  electron,
  {
    // Built layout (electron-vite): out/main/index.js, out/preload/index.cjs, out/renderer/.
    preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
    rendererRoot: fileURLToPath(new URL('../renderer', import.meta.url)),
  },
  { ELECTRON_RENDERER_URL: process.env.ELECTRON_RENDERER_URL, EVO_SANDBOX_URL: process.env.EVO_SANDBOX_URL },
);
