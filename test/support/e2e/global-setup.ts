/* vitest globalSetup for the e2e project: build the app once per run (renderer served by
 * the harness; main code is imported directly from src by the tests). */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM_PATH, E2E_BUILD_DIR, E2E_RENDERER_DIR, REPO_ROOT } from './paths';

export default function setup(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install chromium) or set EVO_CHROMIUM_PATH. Never download a browser here.`);
  }
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', E2E_BUILD_DIR, '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    timeout: 120_000,
  });
  if (!existsSync(path.join(E2E_RENDERER_DIR, 'index.html'))) throw new Error(`The build did not produce ${E2E_RENDERER_DIR}/index.html`);
}
